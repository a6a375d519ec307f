package org.stagedoor.portal;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /deliveries/{id}/file}: the link a partner's web address is told a file is ready with, followed by its
 * systems without signing in. A link that is not valid, has expired or was used answers in plain words with 403,
 * 410 or 404, and no file.
 */
@Controller
class DeliveryLinkController {

    private final DeliveryLinks links;

    DeliveryLinkController(DeliveryLinks links) {
        this.links = links;
    }

    @GetMapping("/deliveries/{id}/file")
    ResponseEntity<?> file(@PathVariable long id, @RequestParam(required = false) Long expires,
            @RequestParam(required = false) String signature, HttpServletRequest request) {
        try {
            return RunFileResponses.of(links.follow(id, expires, signature), request);
        }
        catch (DeliveryLinks.Refused refused) {
            return ResponseEntity.status(refused.status())
                    .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                    .cacheControl(CacheControl.noStore()).body(refused.getMessage() + "\n");
        }
    }
}
