package io.jixiao.indicator.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.Mission;
import io.jixiao.indicator.domain.StrategicObjective;
import io.jixiao.indicator.domain.scoring.Dimension;
import io.jixiao.indicator.domain.scoring.StrategyMap;
import io.jixiao.indicator.repository.StrategyRepository;
import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;

/** The strategy cascade: mission → objectives (five dimensions, cause-effect links) → indicators; as tree and graph. */
@ApplicationScoped
public class StrategyService {

    public record NewObjective(String code, String mission, Dimension dimension, String nameZh, String nameEn,
            List<String> causes) {
    }

    public record IndicatorRef(String code, String nameZh, @Schema(nullable = true) String nameEn) {
    }

    public record ObjectiveNode(String code, String nameZh, @Schema(nullable = true) String nameEn, List<String> causes,
            List<IndicatorRef> indicators) {
    }

    public record DimensionBranch(Dimension dimension, String labelZh, String labelEn, int level,
            List<ObjectiveNode> objectives) {
    }

    /** The cascade top-down: political first, learning and growth last. */
    public record Tree(String mission, String nameZh, @Schema(nullable = true) String nameEn,
            @Schema(nullable = true) String statement,
            List<DimensionBranch> dimensions) {
    }

    public record Node(String id, String kind, @Schema(nullable = true) Dimension dimension,
            @Schema(nullable = true) Integer level, String labelZh, @Schema(nullable = true) String labelEn) {
    }

    public record Edge(String from, String to, String kind) {
    }

    /** The strategy map as a graph: CAUSES from cause to effect, SERVES from objective to mission, MEASURES from indicator to objective. */
    public record Graph(String mission, List<Node> nodes, List<Edge> edges) {
    }

    private final StrategyRepository strategy;

    public StrategyService(StrategyRepository strategy) {
        this.strategy = strategy;
    }

    @Transactional
    public Mission defineMission(Mission m) {
        if (strategy.mission(m.code).isPresent()) {
            throw new ConflictException("mission " + m.code + " is already defined");
        }
        strategy.persist(m);
        return m;
    }

    public List<Mission> missions() {
        return strategy.missions();
    }

    @Transactional
    public StrategicObjective defineObjective(NewObjective n) {
        mission(n.mission());
        if (strategy.objective(n.code()).isPresent()) {
            throw new ConflictException("objective " + n.code() + " is already defined");
        }
        StrategicObjective o = new StrategicObjective();
        o.code = n.code();
        o.missionCode = n.mission();
        o.dimension = n.dimension();
        o.nameZh = n.nameZh();
        o.nameEn = n.nameEn();
        for (String cause : n.causes() == null ? List.<String>of() : n.causes()) {
            o.causedBy(strategy.objective(cause).orElseThrow(() -> new RuleViolationException("causes",
                    "unknown objective " + cause)));
        }
        strategy.persist(o);
        return o;
    }

    public List<StrategicObjective> objectives(String mission) {
        mission(mission);
        return strategy.objectives(mission);
    }

    public Tree tree(String code) {
        Mission m = mission(code);
        List<StrategicObjective> objectives = strategy.objectives(code);
        Map<String, List<IndicatorRef>> measures = measures(objectives);
        Map<Dimension, List<ObjectiveNode>> by = new EnumMap<>(Dimension.class);
        for (StrategicObjective o : objectives) {
            by.computeIfAbsent(o.dimension, d -> new ArrayList<>()).add(new ObjectiveNode(o.code, o.nameZh, o.nameEn,
                    List.copyOf(o.causes), measures.getOrDefault(o.code, List.of())));
        }
        List<DimensionBranch> branches = new ArrayList<>();
        for (int i = StrategyMap.LEVELS.size() - 1; i >= 0; i--) {
            Dimension d = StrategyMap.LEVELS.get(i);
            branches.add(new DimensionBranch(d, d.zh, d.en, i, by.getOrDefault(d, List.of())));
        }
        return new Tree(m.code, m.nameZh, m.nameEn, m.statement, branches);
    }

    public Graph graph(String code) {
        Mission m = mission(code);
        List<StrategicObjective> objectives = strategy.objectives(code);
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        nodes.add(new Node(m.code, "MISSION", null, StrategyMap.LEVELS.size(), m.nameZh, m.nameEn));
        for (StrategicObjective o : objectives) {
            nodes.add(new Node(o.code, "OBJECTIVE", o.dimension, StrategyMap.level(o.dimension), o.nameZh, o.nameEn));
            edges.add(new Edge(o.code, m.code, "SERVES"));
            o.causes.stream().sorted().forEach(c -> edges.add(new Edge(c, o.code, "CAUSES")));
        }
        measures(objectives).forEach((objective, indicators) -> indicators.forEach(i -> {
            nodes.add(new Node(i.code(), "INDICATOR", null, null, i.nameZh(), i.nameEn()));
            edges.add(new Edge(i.code(), objective, "MEASURES"));
        }));
        return new Graph(m.code, nodes, edges);
    }

    /** The objective an indicator measures must exist and lie in the indicator's dimension. */
    public void requireObjective(String objective, Dimension dimension) {
        StrategicObjective o = strategy.objective(objective).orElseThrow(() -> new RuleViolationException(
                "objective", "unknown objective " + objective));
        if (o.dimension != dimension) {
            throw new RuleViolationException("objective", "objective " + objective + " is in " + o.dimension
                    + ", the indicator in " + dimension);
        }
    }

    private Map<String, List<IndicatorRef>> measures(List<StrategicObjective> objectives) {
        Map<String, List<IndicatorRef>> m = new java.util.HashMap<>();
        for (Indicator i : strategy.measuring(objectives.stream().map(o -> o.code).toList())) {
            m.computeIfAbsent(i.objective, k -> new ArrayList<>()).add(new IndicatorRef(i.code, i.nameZh, i.nameEn));
        }
        return m;
    }

    private Mission mission(String code) {
        return strategy.mission(code).orElseThrow(() -> new ResourceNotFoundException("mission", code));
    }
}
