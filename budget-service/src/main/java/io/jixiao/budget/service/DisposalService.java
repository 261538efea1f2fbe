package io.jixiao.budget.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.budget.domain.DisposalTask;
import io.jixiao.budget.repository.MonitoringRepository;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

/** The disposal tasks opened by RED lights, closed by finance officers with a decision and a note. */
@ApplicationScoped
public class DisposalService {

    private final MonitoringRepository monitoring;

    public DisposalService(MonitoringRepository monitoring) {
        this.monitoring = monitoring;
    }

    /**
     * One page of the tasks in a status, of every fiscal year or of one. A department sees its own subject's only:
     * naming another subject gives an empty page. Finance and the office see every subject's, or the one they name.
     */
    public Paged<DisposalTask> list(DisposalTask.Status status, String subjectOrNull, Integer yearOrNull,
            CurrentUser caller, PageRequest page) {
        if (caller.hasRole(CurrentUser.DEPARTMENT)) {
            String own = caller.dept().orElse("");
            if (subjectOrNull != null && !subjectOrNull.equals(own)) {
                return Paged.of(List.of(), page, 0);
            }
            return monitoring.disposals(status, own, yearOrNull, page);
        }
        return monitoring.disposals(status, subjectOrNull, yearOrNull, page);
    }

    @Transactional
    public DisposalTask close(UUID id, DisposalTask.Action action, String note, CurrentUser caller) {
        DisposalTask t = monitoring.disposal(id).orElseThrow(() -> new ResourceNotFoundException("disposal task", id));
        t.close(action, note, caller.subject());
        return t;
    }
}
