package io.pagable.boot.autoconfigure.app;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Stands for an application's main class: its package is an auto-configuration package. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class SampleApplicationConfiguration {}
