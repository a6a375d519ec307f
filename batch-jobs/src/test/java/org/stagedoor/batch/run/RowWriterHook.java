package org.stagedoor.batch.run;

import java.io.IOException;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Wraps the report job's row writer in tests, so that a test can act just before each chunk is written. */
final class RowWriterHook {

    /** What runs before each chunk: it may throw (an injected fault) or wait (a held run). */
    interface BeforeChunk {
        void run();
    }

    private RowWriterHook() {
    }

    static BeanPostProcessor before(BeforeChunk hook) {
        return new BeanPostProcessor() {

            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!name.equals("scopedTarget.reportRowWriter")) {
                    return bean;
                }
                RunFileWriter writer = (RunFileWriter) bean;
                return new RunFileWriter(null, null, null) {

                    @Override
                    public void open(ExecutionContext context) {
                        writer.open(context);
                    }

                    @Override
                    public void write(Chunk<? extends Object[]> chunk) throws IOException {
                        hook.run();
                        writer.write(chunk);
                    }
                };
            }
        };
    }
}
