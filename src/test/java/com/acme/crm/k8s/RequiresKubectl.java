package com.acme.crm.k8s;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that renders k8s/ with {@code kubectl kustomize}: it runs where kubectl 1.24 or newer is on the PATH and is
 * skipped, with one line that says so, where it is not (a machine with only a JDK). CI fails when they were skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KubectlCondition.class)
@interface RequiresKubectl {
}
