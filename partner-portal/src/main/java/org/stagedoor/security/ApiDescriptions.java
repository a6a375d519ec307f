package org.stagedoor.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.customizers.SpringDocCustomizers;
import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.providers.SpringDocProviders;
import org.springdoc.core.service.AbstractRequestService;
import org.springdoc.core.service.GenericResponseService;
import org.springdoc.core.service.OpenAPIService;
import org.springdoc.core.service.OperationService;
import org.springdoc.core.utils.Constants;
import org.springdoc.webmvc.api.MultipleOpenApiWebMvcResource;
import org.springdoc.webmvc.ui.SwaggerConfigResource;
import org.springdoc.webmvc.ui.SwaggerWelcomeCommon;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;


/**
 * The API's OpenAPI description shows each caller their own part: {@code /v3/api-docs} answers a partner user the
 * portal's API ({@code /api/portal/**}) and an administrator the whole API. The parts are springdoc groups, also at
 * {@code /v3/api-docs/portal} and {@code /v3/api-docs/admin} (administrators only, see the security configuration);
 * springdoc's own description of everything is switched off ({@code springdoc.enable-default-api-docs}). The booking
 * API for the venue's sales channels is the group {@code /v3/api-docs/booking} (administrators only: its callers are
 * programs holding a venue system token, which reaches {@code /api/booking} and nothing else). Swagger UI loads {@code
 * /v3/api-docs}, so it too shows the caller's part and offers no other.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiDescriptions {

    private static final String JSON = "/v3/api-docs";

    private static final String YAML = "/v3/api-docs.yaml";

    private static final String PORTAL = "portal";

    private static final String ADMIN = "admin";

    private static final String BOOKING = "booking";

    @Bean
    GroupedOpenApi portalApi() {
        return GroupedOpenApi.builder().group(PORTAL).displayName("Partner portal").pathsToMatch("/api/portal/**")
                .build();
    }

    /** The booking API for the venue's sales channels, called with a venue system token. */
    @Bean
    GroupedOpenApi bookingApi() {
        return GroupedOpenApi.builder().group(BOOKING).displayName("Booking API").pathsToMatch("/api/booking/**")
                .build();
    }

    @Bean
    GroupedOpenApi adminApi() {
        return GroupedOpenApi.builder().group(ADMIN).displayName("Whole API (administrators)").pathsToMatch("/**")
                .build();
    }

    /** Springdoc's groups, plus {@code /v3/api-docs} answering the caller's group (in place of springdoc's bean). */
    @Bean
    MultipleOpenApiWebMvcResource multipleOpenApiResource(List<GroupedOpenApi> groups,
            ObjectFactory<OpenAPIService> openApiService, AbstractRequestService requests,
            GenericResponseService responses, OperationService operations, SpringDocConfigProperties properties,
            SpringDocProviders providers, SpringDocCustomizers customizers) {
        return new CallersPart(groups, openApiService, requests, responses, operations, properties, providers,
                customizers);
    }

    /** Swagger UI's settings name one description, the caller's, instead of a choice of every group. */
    @Bean
    SwaggerConfigResource swaggerConfigResource(SwaggerWelcomeCommon welcome) {
        return new OneDescription(welcome);
    }

    private static String groupOf(StagedoorUser caller) {
        return caller.isAdmin() ? ADMIN : PORTAL;
    }

    @Hidden
    static final class CallersPart extends MultipleOpenApiWebMvcResource {

        CallersPart(List<GroupedOpenApi> groups, ObjectFactory<OpenAPIService> openApiService,
                AbstractRequestService requests, GenericResponseService responses, OperationService operations,
                SpringDocConfigProperties properties, SpringDocProviders providers, SpringDocCustomizers customizers) {
            super(groups, openApiService, requests, responses, operations, properties, providers, customizers);
        }

        @GetMapping(path = JSON, produces = MediaType.APPLICATION_JSON_VALUE)
        byte[] callersJson(HttpServletRequest request, @AuthenticationPrincipal StagedoorUser caller, Locale locale)
                throws JsonProcessingException {
            return getOpenApiResourceOrThrow(groupOf(caller)).openapiJson(request, JSON, locale);
        }

        @GetMapping(path = YAML, produces = Constants.APPLICATION_OPENAPI_YAML)
        byte[] callersYaml(HttpServletRequest request, @AuthenticationPrincipal StagedoorUser caller, Locale locale)
                throws JsonProcessingException {
            return getOpenApiResourceOrThrow(groupOf(caller)).openapiYaml(request, YAML, locale);
        }
    }

    @Hidden
    static final class OneDescription extends SwaggerConfigResource {

        OneDescription(SwaggerWelcomeCommon welcome) {
            super(welcome);
        }

        @Override
        public Map<String, Object> openapiJson(HttpServletRequest request) {
            Map<String, Object> settings = super.openapiJson(request);
            settings.remove("urls");
            settings.remove("urls.primaryName");
            settings.put("url", request.getContextPath() + JSON);
            return settings;
        }
    }
}
