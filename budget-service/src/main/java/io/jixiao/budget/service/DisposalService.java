package io.jixiao.budget.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.budget.domain.DisposalTask;
import io.jixiao.budget.repository.MonitoringRepository;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.security.CurrentUser;

/** The disposal tasks opened by RED lights, closed by finance officers with a decision and a note. */
@ApplicationScoped
public class DisposalService {

    private final MonitoringRepository monitoring;

    public DisposalService(MonitoringRepository monitoring) {
        this.monitoring = monitoring;
    }

    public List<DisposalTask> list(DisposalTask.Status status, CurrentUser caller) {
        String dept = caller.hasRole(CurrentUser.DEPARTMENT) ? caller.dept().orElse("") : null;
        return monitoring.disposals(status, dept);
    }

    @Transactional
    public DisposalTask close(UUID id, DisposalTask.Action action, String note, CurrentUser caller) {
        DisposalTask t = monitoring.disposal(id).orElseThrow(() -> new ResourceNotFoundException("disposal task", id));
        t.close(action, note, caller.subject());
        return t;
    }
}
