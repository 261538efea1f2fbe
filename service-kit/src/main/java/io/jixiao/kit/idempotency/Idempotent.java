package io.jixiao.kit.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * A POST that other systems may send again, with the same {@code Idempotency-Key} header, when they did not get its
 * answer (DESIGN section 8). The first request's effect and its answer are stored in one transaction; the same key and
 * request again get that answer, and change nothing; the same key with another request is refused (422). Without
 * the header the method runs as always. See {@link IdempotentInterceptor}.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {
}
