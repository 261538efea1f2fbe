package io.jixiao.gateway.client;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/** What a portal panel shows when its service is down, slow, or its breaker is open. */
public class UnavailablePanel implements FallbackHandler<Uni<Panel>> {

    private static final Logger LOG = Logger.getLogger(UnavailablePanel.class);

    @Override
    public Uni<Panel> handle(ExecutionContext context) {
        String service = context.getMethod().getDeclaringClass().getSimpleName().replace("Client", "")
                .toLowerCase(java.util.Locale.ROOT);
        LOG.debugf("panel %s.%s degraded: %s", service, context.getMethod().getName(), context.getFailure());
        return Uni.createFrom().item(Panel.unavailable(service));
    }
}
