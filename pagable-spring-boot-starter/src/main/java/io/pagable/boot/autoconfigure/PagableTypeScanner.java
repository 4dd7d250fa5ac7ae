package io.pagable.boot.autoconfigure;

import io.pagable.PagableType;
import io.pagable.TypeRegistry;
import java.util.Collection;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link PagableType} classes with Spring's class path scanning, which reads class files
 * without loading them and works inside executable jars, the way Spring Boot finds entities.
 */
final class PagableTypeScanner {

    private final Environment environment;

    private final ResourceLoader resourceLoader;

    PagableTypeScanner(Environment environment, ResourceLoader resourceLoader) {
        this.environment = environment;
        this.resourceLoader = resourceLoader;
    }

    TypeRegistry scan(Collection<String> packages) {
        ClassPathScanningCandidateComponentProvider scanner =
                new ClassPathScanningCandidateComponentProvider(false, environment) {
                    @Override
                    protected boolean isCandidateComponent(AnnotatedBeanDefinition beanDefinition) {
                        // Abstract tagged classes too: the registry rejects them with a clear message.
                        return beanDefinition.getMetadata().isIndependent();
                    }
                };
        scanner.setResourceLoader(resourceLoader);
        scanner.addIncludeFilter(new AnnotationTypeFilter(PagableType.class));
        TreeSet<String> classNames = new TreeSet<>();
        for (String packageName : packages) {
            if (StringUtils.hasText(packageName)) {
                for (BeanDefinition candidate : scanner.findCandidateComponents(packageName)) {
                    classNames.add(candidate.getBeanClassName());
                }
            }
        }
        TypeRegistry.Builder registry = TypeRegistry.builder();
        ClassLoader classLoader = resourceLoader.getClassLoader();
        for (String className : classNames) {
            registry.register(ClassUtils.resolveClassName(className, classLoader));
        }
        return registry.build();
    }
}
