package org.stagedoor.scheduler.delivery;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body that remembers whether the HTTP client took any of it to send: a failure before that sent
 * nothing and may be retried; after it, the receiver may have had the message, so it must not be sent again by
 * itself (as {@link TrackedMimeMessage} for mail).
 */
final class TrackedBody implements HttpRequest.BodyPublisher {

    private final HttpRequest.BodyPublisher body;

    private volatile boolean taken;

    TrackedBody(byte[] bytes) {
        this.body = HttpRequest.BodyPublishers.ofByteArray(bytes);
    }

    boolean taken() {
        return taken;
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        body.subscribe(new Flow.Subscriber<ByteBuffer>() {

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                taken = true;
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
