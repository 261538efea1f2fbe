package io.jixiao.gateway.service;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.gateway.config.GatewayConfig;
import io.jixiao.gateway.domain.AuthorizationCodes;

/**
 * The demo issuer's sign-in for browsers: the authorization-code flow with PKCE (S256 only), the same flow the portal
 * runs against a real OIDC provider. The sign-in page is a role picker (local run only). The client must be the
 * portal's, and it may only be sent back to the portal at the issuer's own origin or to a configured redirect URI;
 * anything else is refused on the spot, never redirected. Other errors go back to the client as RFC 6749 error
 * parameters.
 */
@ApplicationScoped
public class DemoSignIn {

    /** Roles the portal serves (its read models admit these four). */
    public static final List<String> ROLES = List.of("admin", "superior", "finance", "department");
    private static final long CODE_TTL_MILLIS = 60_000;
    private static final int MAX_STATE = 512;
    private static final String DEPT = "[A-Z][A-Z0-9_-]{0,31}";
    private static final String SUB = "[A-Za-z0-9._-]{1,64}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    /** The demo city's departments, offered as suggestions. */
    private static final List<String> DEMO_DEPTS = List.of("FIN", "EDU", "HEALTH", "TRANS", "ENV", "HRSS", "MARKET",
            "HOUSING", "AGRI", "CIVIL");

    /** An authorization request, from the query (GET) or the sign-in form (POST). */
    public record Request(String responseType, String clientId, String redirectUri, String challenge,
            String challengeMethod, String state, String locale) {
    }

    /** What to answer: refuse on the spot, send the browser back to the client, or show the sign-in page. */
    public sealed interface Outcome {
    }

    public record Refused(String error, String detail) implements Outcome {
    }

    public record Redirect(URI location) implements Outcome {
    }

    public record Page(int status, String html, String csp) implements Outcome {
    }

    private final GatewayConfig config;
    private final DemoTokenIssuer issuer;
    private final AuthorizationCodes codes = new AuthorizationCodes(10_000, CODE_TTL_MILLIS);
    private final String template = PublicPages.resource("/portal/authorize.html").toString(StandardCharsets.UTF_8);

    public DemoSignIn(GatewayConfig config, DemoTokenIssuer issuer) {
        this.config = config;
        this.issuer = issuer;
    }

    /** {@code GET /auth/authorize}: the sign-in page, if the request is sound. */
    public Outcome authorize(Request r, String origin) {
        return check(r, origin).orElseGet(() -> page(r, 200, null, null, null, null));
    }

    /**
     * {@code POST /auth/authorize}: the user picked a role (or cancelled). A sound choice sends the browser back with a
     * code; a wrong one shows the page again with the reason.
     */
    public Outcome signIn(Request r, String origin, String role, String dept, String sub, boolean cancel) {
        Optional<Outcome> bad = check(r, origin);
        if (bad.isPresent()) {
            return bad.get();
        }
        if (cancel) {
            return back(r, Map.of("error", "access_denied", "error_description", "the user cancelled the sign-in"));
        }
        boolean en = english(r);
        if (role == null || !ROLES.contains(role)) {
            return page(r, 400, en ? "Choose a role." : "请选择角色。", role, dept, sub);
        }
        String d = dept == null || dept.isBlank() ? null : dept.trim().toUpperCase(java.util.Locale.ROOT);
        if ("department".equals(role) ? d == null || !d.matches(DEPT) : d != null && !d.matches(DEPT)) {
            return page(r, 400, en ? "A department signs in with its code, such as FIN." : "部门须填写部门代码，如 FIN。",
                    role, dept, sub);
        }
        String s = sub == null || sub.isBlank() ? "portal-" + role : sub.trim();
        if (!s.matches(SUB)) {
            return page(r, 400, en
                    ? "The user name may use letters, digits, '.', '_' and '-' only."
                    : "用户名只能包含字母、数字、“.”、“_”和“-”。", role, dept, sub);
        }
        Optional<String> code = codes.issue(new AuthorizationCodes.Grant(r.clientId(), r.redirectUri(),
                r.challenge(), s, role, "department".equals(role) ? d : null), System.currentTimeMillis());
        if (code.isEmpty()) {
            return back(r, Map.of("error", "temporarily_unavailable", "error_description",
                    "too many sign-ins in progress"));
        }
        return back(r, Map.of("code", code.get()));
    }

    /** {@code POST /auth/token} with {@code grant_type=authorization_code}: a token for a sound code, once. */
    public Optional<DemoTokenIssuer.IssuedToken> redeem(String code, String clientId, String redirectUri,
            String verifier) {
        return codes.redeem(code, clientId, redirectUri, verifier, System.currentTimeMillis())
                .map(g -> issuer.issue(g.subject(), g.role(), g.dept(), null));
    }

    private Optional<Outcome> check(Request r, String origin) {
        if (!config.portal().clientId().equals(r.clientId())) {
            return Optional.of(new Refused("unauthorized_client", "client_id must be the portal's, "
                    + config.portal().clientId()));
        }
        if (!allowedRedirect(r.redirectUri(), origin)) {
            return Optional.of(new Refused("invalid_request", "redirect_uri is not registered for "
                    + r.clientId() + ": the portal at " + origin + "/ or a configured one"));
        }
        if (!"code".equals(r.responseType())) {
            return Optional.of(back(r, Map.of("error", "unsupported_response_type", "error_description",
                    "response_type must be code")));
        }
        if (!"S256".equals(r.challengeMethod()) || !AuthorizationCodes.validChallenge(r.challenge())) {
            return Optional.of(back(r, Map.of("error", "invalid_request", "error_description",
                    "PKCE is required: code_challenge_method S256 and a 43-character code_challenge")));
        }
        if (r.state() != null && r.state().length() > MAX_STATE) {
            return Optional.of(back(r, Map.of("error", "invalid_request", "error_description",
                    "state is longer than " + MAX_STATE + " characters")));
        }
        return Optional.empty();
    }

    boolean allowedRedirect(String redirectUri, String origin) {
        if (redirectUri == null || redirectUri.contains("#")) {
            return false;
        }
        return redirectUri.equals(origin + "/")
                || config.demoIssuer().redirectUris().map(l -> l.contains(redirectUri)).orElse(false);
    }

    private Redirect back(Request r, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        if (r.state() != null) {
            all.put("state", r.state());
        }
        String query = all.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return new Redirect(URI.create(r.redirectUri() + (r.redirectUri().contains("?") ? "&" : "?") + query));
    }

    private static boolean english(Request r) {
        return r.locale() != null && r.locale().toLowerCase(java.util.Locale.ROOT).startsWith("en");
    }

    private Page page(Request r, int status, String error, String role, String dept, String sub) {
        boolean en = english(r);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("lang", en ? "en" : "zh-CN");
        v.put("title", en ? "Sign in to Jixiao" : "登录绩效门户");
        v.put("demo", en
                ? "Demo issuer of the local run: choose who you are. A real deployment signs in at the"
                        + " organisation's identity provider."
                : "本地运行的演示身份签发：选择身份即可登录。正式环境通过机构的统一身份认证登录。");
        v.put("roleLabel", en ? "Role" : "角色");
        v.put("roles", ROLES.stream().map(x -> "<option value=\"" + x + "\"" + (x.equals(role) ? " selected" : "")
                + ">" + esc(roleName(x, en)) + "</option>").collect(Collectors.joining()));
        v.put("deptLabel", en ? "Department code (for a department)" : "部门代码（部门登录时填写）");
        v.put("dept", esc(dept == null ? "" : dept));
        v.put("subLabel", en ? "User name (optional)" : "用户名（可不填）");
        v.put("sub", esc(sub == null ? "" : sub));
        v.put("signIn", en ? "Sign in" : "登录");
        v.put("cancel", en ? "Cancel" : "取消");
        v.put("error", error == null ? "" : esc(error));
        v.put("hidden", hidden(r));
        v.put("depts", DEMO_DEPTS.stream().map(x -> "<option value=\"" + x + "\">").collect(Collectors.joining()));
        // one pass: a value (the user's own input among them) is never scanned for placeholders again
        String html = PLACEHOLDER.matcher(template).replaceAll(m -> Matcher.quoteReplacement(v.get(m.group(1))));
        String target = URI.create(r.redirectUri()).resolve("/").toString();
        String csp = PublicPages.CSP.replace("form-action 'self'", "form-action 'self' " + target.substring(0,
                target.length() - 1));
        return new Page(status, html, csp);
    }

    private static String hidden(Request r) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("response_type", r.responseType());
        f.put("client_id", r.clientId());
        f.put("redirect_uri", r.redirectUri());
        f.put("code_challenge", r.challenge());
        f.put("code_challenge_method", r.challengeMethod());
        f.put("state", r.state());
        f.put("ui_locales", r.locale());
        return f.entrySet().stream().filter(e -> e.getValue() != null).map(e -> "<input type=\"hidden\" name=\""
                + e.getKey() + "\" value=\"" + esc(e.getValue()) + "\">").collect(Collectors.joining());
    }

    private static String roleName(String role, boolean en) {
        return switch (role) {
            case "admin" -> en ? "Performance office" : "绩效办";
            case "superior" -> en ? "Superior" : "上级领导";
            case "finance" -> en ? "Finance" : "财政";
            default -> en ? "Department" : "部门";
        };
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
