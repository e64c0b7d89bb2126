using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;

namespace CollectorLb.Dashboard.Security;

/// <summary>
/// An operator is whoever presents the token: <c>Authorization: Bearer</c>, the <c>X-Operator-Token</c> header,
/// or the cookie the sign-in page sets. Without it, pages are sent to sign in and API calls get a 401 that says why.
/// </summary>
internal sealed class OperatorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    OperatorToken token) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string RefusalMessage = "Refused: this action needs the operator token (CollectorLb:Dashboard:OperatorToken). Sign in at /login or send 'Authorization: Bearer <token>'.";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!token.Matches(presented))
        {
            return Task.FromResult(AuthenticateResult.Fail("wrong operator token"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator")], OperatorAuthentication.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), OperatorAuthentication.Scheme)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (HttpMethods.IsGet(Request.Method) && Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true))
        {
            Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(Request.PathBase + Request.Path + Request.QueryString));
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Response.WriteAsJsonAsync(new { error = RefusalMessage });
    }

    private string? Presented()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = Request.Headers[OperatorAuthentication.HeaderName].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        return Request.Cookies.TryGetValue(OperatorAuthentication.CookieName, out var cookie) ? cookie : null;
    }
}
