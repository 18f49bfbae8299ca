package org.vatkernel.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The operator console ({@code /console}): the same users and roles as the API, signed in with a
 * form and kept in a session, so every state change needs the session's CSRF token (the console's
 * pages send it; the API accepts it, see {@link ApiSecurityConfiguration}). Pages and their
 * assets come from the application only: the content security policy allows no script, style or
 * image from elsewhere, and no inline script or style, so even text that escaped escaping could
 * not run.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ConsoleSecurityConfiguration {

	/** Where the console signs users in (the page is the console's). */
	public static final String LOGIN_PAGE = "/login";

	static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

	@Bean
	@Order(1)
	SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/console", "/console/**", LOGIN_PAGE, "/logout")
			.authorizeHttpRequests(requests -> requests.requestMatchers("/console/assets/**")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/console", "/console/**")
				.hasRole(ApiSecurityConfiguration.VIEWER)
				.anyRequest()
				.hasRole(ApiSecurityConfiguration.OPERATOR))
			.formLogin(form -> form.loginPage(LOGIN_PAGE).defaultSuccessUrl("/console", true).permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(LOGIN_PAGE + "?signedOut").permitAll())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

}
