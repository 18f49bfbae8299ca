package org.vatkernel.security;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP Basic over the users of {@link SecurityProperties}. Reads ({@code GET}) under
 * {@code /api} and every actuator endpoint but health need {@code viewer}; everything that
 * changes state needs {@code operator}. Health answers anyone, with details only for a signed-in
 * user. The API keeps no session and sets no cookie, so CSRF protection has nothing to protect;
 * no CORS configuration is registered, so browsers on other origins are refused.
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
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.cors(cors -> cors.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.headers(Customizer.withDefaults());
		return http.build();
	}

}
