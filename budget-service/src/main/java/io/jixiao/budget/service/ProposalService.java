package io.jixiao.budget.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.budget.domain.Proposal;
import io.jixiao.budget.repository.ProjectRepository;
import io.jixiao.budget.repository.ProposalRepository;
import io.jixiao.kit.sheets.Sheets;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

@ApplicationScoped
public class ProposalService {

    private final ProposalRepository proposals;
    private final LinkageService linkage;
    private final ProjectRepository projects;

    public ProposalService(ProposalRepository proposals, LinkageService linkage, ProjectRepository projects) {
        this.proposals = proposals;
        this.linkage = linkage;
        this.projects = projects;
    }

    /** Recomputes every proposal that a fiscal year's stored results give (e.g. after a new rule table version). */
    public int recompute(int basedOnYear) {
        return linkage.recomputeYear(basedOnYear);
    }

    /** The year's proposals as an .xlsx league of lines, one per project, with the explanation. */
    public byte[] export(int year, CurrentUser caller) {
        List<Proposal> list = forYear(year, caller);
        java.util.Map<java.util.UUID, String> names = new java.util.HashMap<>();
        if (!list.isEmpty()) {
            projects.list("id in ?1", list.stream().map(p -> p.projectId).toList())
                    .forEach(p -> names.put(p.id, p.name));
        }
        List<List<Object>> rows = list.stream().map(p -> List.<Object>of(p.subjectCode,
                names.getOrDefault(p.projectId, ""), p.basedOnYear, p.fiscalYear, p.current, p.proposed, p.ceiling,
                p.adjustmentPercent, p.action.name(), p.rule, String.join("；", p.explanation))).toList();
        return Sheets.writeXlsx(year + "年度预算建议", List.of("部门 subject", "项目 project", "依据年度 based on",
                "预算年度 year", "当年金额 current", "建议金额 proposed", "上限 ceiling", "调整 % adjustment",
                "动作 action", "规则 rule", "说明 explanation"), rows);
    }

    /**
     * One page of a fiscal year's proposals, of one subject when it is given: all of them for finance and the office,
     * a department's own for a department (another subject's page is empty).
     */
    public Paged<Proposal> forYear(int year, String subject, PageRequest page, CurrentUser caller) {
        String dept = ownOnly(caller);
        if (dept != null && subject != null && !subject.equals(dept)) {
            return Paged.of(List.of(), page, 0);
        }
        return proposals.page(year, dept != null ? dept : subject, page);
    }

    /** The proposals for a fiscal year: all for finance and the office, its own for a department. */
    public List<Proposal> forYear(int year, CurrentUser caller) {
        return proposals.forYear(year, ownOnly(caller));
    }

    /** The only subject a caller may see proposals of, or null for all. */
    private static String ownOnly(CurrentUser caller) {
        return caller.hasRole(CurrentUser.DEPARTMENT) ? caller.dept().orElse("") : null;
    }
}
