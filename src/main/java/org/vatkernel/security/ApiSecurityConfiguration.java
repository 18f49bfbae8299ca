package org.vatkernel.security;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP Basic over the users of {@link SecurityProperties}. Reads ({@code GET}) under
 * {@code /api} and every actuator endpoint but health need {@code viewer}; everything that
 * changes state needs {@code operator}. Health answers anyone, with details only for a signed-in
 * user. The API never creates a session or sets a cookie; it also accepts the session of a user
 * signed in to the console ({@link ConsoleSecurityConfiguration}), whose pages call it. A request
 * that a cookie authenticates is exactly one a browser could be tricked into sending, so those
 * (and only those) need the session's CSRF token when they change state; a request with
 * credentials of its own does not. No CORS configuration is registered, so browsers on other
 * origins are refused.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class ApiSecurityConfiguration {

	static final String VIEWER = SecurityProperties.Role.VIEWER.name();

	static final String OPERATOR = SecurityProperties.Role.OPERATOR.name();

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService users(SecurityProperties properties, PasswordEncoder encoder, Environment environment) {
		CredentialsCheck.check(properties, environment.acceptsProfiles(Profiles.of("dev")), encoder);
		List<UserDetails> users = properties.users()
			.stream()
			.map(user -> User.withUsername(user.name())
				.password(user.password())
				.roles(user.role() == SecurityProperties.Role.OPERATOR ? new String[] { VIEWER, OPERATOR }
						: new String[] { VIEWER })
				.build())
			.toList();
		InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(users);
		// Only the lookup, not the manager itself: as a UserDetailsPasswordService Spring Security
		// would re-hash a password whose bcrypt cost is below its default (10) after the first
		// sign-in, in memory only, so that every later request paid ≈ 70 ms of bcrypt here
		// whatever cost the operator chose for kernel.security.users[i].password.
		return manager::loadUserByUsername;
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiSecurity(HttpSecurity http, JsonMapper json) throws Exception {
		ProblemResponses problems = new ProblemResponses(json);
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
			.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
			.requestMatchers("/error").permitAll()
			.requestMatchers(HttpMethod.GET, "/api/**").hasRole(VIEWER)
			.requestMatchers("/api/**").hasRole(OPERATOR)
			.requestMatchers("/actuator/**").hasRole(VIEWER)
			.anyRequest().denyAll())
			.httpBasic(basic -> basic.authenticationEntryPoint(problems))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.securityContext(context -> context.securityContextRepository(new DelegatingSecurityContextRepository(
					new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository())))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.csrf(csrf -> csrf.requireCsrfProtectionMatcher(ApiSecurityConfiguration::sessionAuthenticatedChange))
			.cors(cors -> cors.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.headers(Customizer.withDefaults());
		return http.build();
	}

	/** A state change that carries a session cookie and no credentials of its own. */
	static boolean sessionAuthenticatedChange(HttpServletRequest request) {
		String method = request.getMethod();
		boolean safe = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
				|| "TRACE".equals(method);
		return !safe && request.getHeader(HttpHeaders.AUTHORIZATION) == null
				&& request.getRequestedSessionId() != null;
	}

}
