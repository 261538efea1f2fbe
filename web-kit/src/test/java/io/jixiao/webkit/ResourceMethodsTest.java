package io.jixiao.webkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

class ResourceMethodsTest {

    @Path("/api/v1/cycles")
    public static class Cycles {
        @GET
        public void list() {
        }

        @POST
        public void create() {
        }

        @GET
        @Path("/{id}")
        public void get() {
        }

        @PUT
        @Path("{id}/")
        public void revise() {
        }
    }

    @Path("/api/v1/cycles/{id}/ledger")
    public static class Ledger {
        @POST
        @Path("/verify")
        public void verify() {
        }
    }

    /** A path shared by a subclass, as the kit's dead-letter endpoints are, with an own regex parameter. */
    public static class Letters {
        @GET
        @Path("/{partition: \\d+}/{offset: [0-9]{1,19}}")
        public void get() {
        }

        @DELETE
        public void purge() {
        }

        public void notAResourceMethod() {
        }
    }

    @Path("/api/v1/ops/x/dead-letters")
    public static class OwnLetters extends Letters {
    }

    /** A REST client's interface is not a resource of this service. */
    @Path("/elsewhere")
    public interface Client {
        @GET
        void get();
    }

    static final ResourceMethods METHODS = ResourceMethods
            .of(List.of(Cycles.class, Ledger.class, OwnLetters.class, Client.class, String.class));

    @Test
    void eachPathHasTheMethodsDeclaredForItWithHeadAndOptionsAndNoOther() {
        Map<String, Set<String>> expected = Map.of(
                "/api/v1/cycles", Set.of("GET", "HEAD", "OPTIONS", "POST"),
                "/api/v1/cycles/", Set.of("GET", "HEAD", "OPTIONS", "POST"),
                "/api/v1/cycles/6b0e2f1c-7a4d-4c1e-9f00-1a2b3c4d5e6f", Set.of("GET", "HEAD", "OPTIONS", "PUT"),
                "/api/v1/cycles/abc/ledger/verify", Set.of("OPTIONS", "POST"),
                "/api/v1/cycles/abc/ledger", Set.of(),
                "/api/v1/cycles/a/b", Set.of(),
                "/api/v1/ops/x/dead-letters", Set.of("DELETE", "OPTIONS"),
                "/api/v1/ops/x/dead-letters/0/17", Set.of("GET", "HEAD", "OPTIONS"),
                "/api/v1/ops/x/dead-letters/p/17", Set.of(),
                "/elsewhere", Set.of());
        expected.forEach((path, methods) -> assertEquals(methods, METHODS.allowed(path), path));
    }

    @Test
    void aMethodIsRefusedOnlyWhereThePathExistsForOthers() {
        assertEquals(Set.of("OPTIONS", "POST"), METHODS.refusing("/api/v1/cycles/abc/ledger/verify", "GET"));
        assertEquals(Set.of(), METHODS.refusing("/api/v1/cycles/abc/ledger/verify", "POST"));
        assertEquals(Set.of(), METHODS.refusing("/api/v1/cycles/abc/ledger", "GET"));
        assertEquals("GET, HEAD, OPTIONS, PUT",
                ResourceMethods.header(METHODS.allowed("/api/v1/cycles/6b0e2f1c-7a4d-4c1e-9f00-1a2b3c4d5e6f")));
    }

    @Test
    void aTemplateMatchesItsParametersOneSegmentEachOrByTheirOwnPattern() {
        Pattern p = ResourceMethods.template("/a//{x}/b/{n: \\d{1,3}}/");
        assertTrue(p.matcher("/a/anything/b/123").matches());
        assertTrue(p.matcher("/a/any%2Fthing/b/1/").matches());
        assertFalse(p.matcher("/a/x/y/b/1").matches());
        assertFalse(p.matcher("/a/x/b/1234").matches());
        assertFalse(p.matcher("/a/x/b/").matches());
        assertTrue(ResourceMethods.template("/q.x/{a}").matcher("/q.x/1").matches());
        assertFalse(ResourceMethods.template("/q.x/{a}").matcher("/qyx/1").matches());
    }
}
