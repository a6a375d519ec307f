package org.stagedoor.scheduler.delivery;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs {@link DeliverySender#sendDue()} in the background, a fixed pause after each pass ends, and at once again
 * while passes come back full. It has its own thread, so it needs no {@code @EnableScheduling} and does not wait
 * behind other scheduled work. On shutdown the pass under way finishes the message it is sending and gives the
 * rest of its batch back; a node stopped harder leaves SENDING rows that become UNKNOWN.
 */
class DeliveryPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPoller.class);

    private final DeliverySender sender;

    private final DeliverySettings settings;

    private ThreadPoolTaskScheduler scheduler;

    private volatile boolean stopping;

    DeliveryPoller(DeliverySender sender, DeliverySettings settings) {
        this.sender = sender;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        stopping = false;
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("delivery-sender-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        // The message being sent finishes within the SMTP timeouts (the rest of its batch is given back unsent);
        // a longer wait would only delay shutdown.
        scheduler.setAwaitTerminationSeconds((int) Math.min(Integer.MAX_VALUE, settings.smtpConnectTimeout()
                .plus(settings.smtpReadTimeout()).plus(settings.smtpWriteTimeout()).toSeconds()));
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this::pass, settings.pollInterval());
        log.info("Sending deliveries every {} as {}", settings.pollInterval(), sender.node());
    }

    private void pass() {
        try {
            while (!stopping && sender.sendDue(() -> stopping) >= settings.batchSize()) {
                // A full batch: more may be due.
            }
        }
        catch (RuntimeException ex) {
            // The next pass tries again; an exception escaping would end the schedule.
            log.error("A pass of the delivery sender failed", ex);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            stopping = true;
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
