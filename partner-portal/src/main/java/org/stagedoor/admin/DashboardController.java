package org.stagedoor.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import org.stagedoor.batch.run.RunStatus;
import org.stagedoor.scheduler.delivery.Deliveries;
import org.stagedoor.scheduler.delivery.Delivery;
import org.stagedoor.scheduler.delivery.DeliveryStatus;
import org.stagedoor.scheduler.schedule.Schedules;

/**
 * The console's home: what needs an administrator (failed runs, deliveries that FAILED or may not have arrived,
 * the same things the administrator notices by email say) and the way to every page.
 */
@Controller
class DashboardController {

    private static final int LATEST = 5;

    private final ConsoleQueries queries;

    private final Deliveries deliveries;

    private final Schedules schedules;

    DashboardController(ConsoleQueries queries, Deliveries deliveries, Schedules schedules) {
        this.queries = queries;
        this.deliveries = deliveries;
        this.schedules = schedules;
    }

    @GetMapping("/admin")
    String dashboard(Model model) {
        Map<RunStatus, Long> runs = queries.runCounts();
        Map<DeliveryStatus, Long> outbox = queries.deliveryCounts();
        model.addAttribute("failedRuns", runs.get(RunStatus.FAILED));
        model.addAttribute("runningRuns", runs.get(RunStatus.RUNNING) + runs.get(RunStatus.QUEUED));
        model.addAttribute("failedDeliveries", outbox.get(DeliveryStatus.FAILED));
        model.addAttribute("unknownDeliveries", outbox.get(DeliveryStatus.UNKNOWN));
        model.addAttribute("pendingDeliveries",
                outbox.get(DeliveryStatus.PENDING) + outbox.get(DeliveryStatus.SENDING));
        model.addAttribute("latestFailedRuns", queries.runs(RunStatus.FAILED, LATEST));
        List<Delivery> problems = new ArrayList<>(deliveries.recent(DeliveryStatus.FAILED, LATEST));
        problems.addAll(deliveries.recent(DeliveryStatus.UNKNOWN, LATEST));
        problems.sort(Comparator.comparing(Delivery::createdAt).reversed());
        model.addAttribute("latestDeliveryProblems", problems.subList(0, Math.min(LATEST, problems.size())));
        List<Schedules.ScheduleView> all = schedules.list();
        model.addAttribute("schedules", all.size());
        model.addAttribute("pausedSchedules", all.stream().filter(view -> !view.schedule().enabled()).count());
        model.addAttribute("partnerCompanies", queries.partnerSummaries().size());
        return "admin/dashboard";
    }
}
