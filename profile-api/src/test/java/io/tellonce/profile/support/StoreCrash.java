package io.tellonce.profile.support;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A process crash at any write to Cassandra, for tests (issue 17, part 5): wraps the service's one
 * session so that, once armed, the k-th write the service sends is never sent, and from then on
 * every statement fails, reads included, as if the process had died there: nothing after it runs,
 * no finally block unlocks, no retry writes. {@link #revive} lets the same service act as the
 * instance that comes next. Crash points are counted over the statements themselves, so every step
 * of every multi-step change is one, including steps added later, without naming them.
 *
 * <p>Writes by background work (the indexer's checkpoints and leases, index builds, migrations) are
 * not counted: they come and go with time, and would make a crash point's place vary between runs.
 */
@Singleton
@Requires(property = StoreCrash.PROPERTY, value = "true")
public final class StoreCrash implements BeanCreatedEventListener<CqlSession> {
    public static final String PROPERTY = "tellonce.test.crashable-store";
    private static final String[] BACKGROUND = {"change_log_checkpoint", "search_index_build", "schema_migration"};

    private final AtomicBoolean dead = new AtomicBoolean();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile int crashAt = Integer.MAX_VALUE;
    private volatile boolean counting;

    @Override
    public CqlSession onCreated(BeanCreatedEvent<CqlSession> event) {
        CqlSession real = event.getBean();
        InvocationHandler handler = (proxy, method, args) -> intercept(real, method, args);
        return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class},
                handler);
    }

    /** Counts the service's writes from now on and crashes at the {@code k}-th (1 is the first). */
    public void armAt(int k) {
        writes.set(0);
        crashAt = k;
        counting = true;
    }

    /** Counts the writes from now on without crashing, to learn how many crash points a change has. */
    public void count() {
        armAt(Integer.MAX_VALUE);
    }

    /** @return the writes counted since arming */
    public int written() {
        return writes.get();
    }

    public boolean crashed() {
        return dead.get();
    }

    /** The process that comes next: statements run again, nothing is counted. */
    public void revive() {
        counting = false;
        crashAt = Integer.MAX_VALUE;
        dead.set(false);
    }

    private Object intercept(CqlSession real, Method method, Object[] args) throws Throwable {
        boolean execution = method.getName().startsWith("execute") && args != null && args.length > 0;
        if (execution) {
            if (!dead.get() && counting && isCountedWrite(args[0]) && writes.incrementAndGet() >= crashAt) {
                dead.set(true);
            }
            if (dead.get()) {
                ClosedConnectionException crash = new ClosedConnectionException("simulated crash of the process");
                if (CompletionStage.class.isAssignableFrom(method.getReturnType())) {
                    return CompletableFuture.failedFuture(crash);
                }
                throw crash;
            }
        }
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean isCountedWrite(Object request) {
        if (request instanceof BatchStatement) {
            return true;
        }
        String query;
        if (request instanceof BoundStatement bound) {
            query = bound.getPreparedStatement().getQuery();
        } else if (request instanceof SimpleStatement simple) {
            query = simple.getQuery();
        } else if (request instanceof String text) {
            query = text;
        } else {
            return false;
        }
        String lower = query.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("select")) {
            return false;
        }
        for (String table : BACKGROUND) {
            if (lower.contains(table)) {
                return false;
            }
        }
        return true;
    }
}
