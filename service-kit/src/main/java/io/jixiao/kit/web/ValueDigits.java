package io.jixiao.kit.web;

import java.math.BigDecimal;

import jakarta.inject.Singleton;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Digits;

import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;

/**
 * {@code @Digits} counts the digits of a number's value, not of the way it was written. Hibernate Validator counts a
 * {@code BigDecimal}'s scale as sent, so an amount of {@code 100.500} was refused as having 3 decimals, although it is
 * 100.50 yuan, and the API document's {@code multipleOf: 0.01} (JSON Schema's reading of the same annotation) says
 * that it is a valid amount. Here trailing zeros after the point do not count, as they do not for the document;
 * {@code 100.505} is refused as before. The number itself is not changed: a column of 2 decimals keeps 100.50.
 */
public class ValueDigits implements ConstraintValidator<Digits, Object> {

    private int integer;
    private int fraction;

    @Override
    public void initialize(Digits digits) {
        integer = digits.integer();
        fraction = digits.fraction();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        BigDecimal d;
        if (value instanceof BigDecimal b) {
            d = b;
        } else if (value instanceof Number || value instanceof CharSequence) {
            try {
                d = new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                return false;
            }
        } else {
            return false;
        }
        if (!BoundedNumbers.bounded(d)) {
            return false;
        }
        BigDecimal v = d.stripTrailingZeros();
        return v.precision() - (long) v.scale() <= integer && Math.max(0, v.scale()) <= fraction;
    }

    /** Puts this validator in the place of Hibernate Validator's own for {@code @Digits}. */
    @Singleton
    public static class Registration implements ValidatorFactoryCustomizer {
        @Override
        public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
            ConstraintMapping mapping = configuration.createConstraintMapping();
            mapping.constraintDefinition(Digits.class).includeExistingValidators(false).validatedBy(ValueDigits.class);
            configuration.addMapping(mapping);
        }
    }
}
