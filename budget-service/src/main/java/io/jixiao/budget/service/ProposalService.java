package io.jixiao.budget.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.budget.domain.Proposal;
import io.jixiao.budget.repository.ProposalRepository;
import io.jixiao.kit.security.CurrentUser;

@ApplicationScoped
public class ProposalService {

    private final ProposalRepository proposals;

    public ProposalService(ProposalRepository proposals) {
        this.proposals = proposals;
    }

    /** The proposals for a fiscal year: all for finance and the office, its own for a department. */
    public List<Proposal> forYear(int year, CurrentUser caller) {
        String dept = caller.hasRole(CurrentUser.DEPARTMENT) ? caller.dept().orElse("") : null;
        return proposals.forYear(year, dept);
    }
}
