using System.Net;

namespace CollectorLb.Dashboard.Security;

/// <summary>The sign-in page: checks the token once and keeps it in an HTTP-only, same-site cookie.</summary>
internal static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (string? returnUrl) => Page(returnUrl, error: null)).AllowAnonymous();
        app.MapPost("/login", async (HttpContext context, OperatorToken token) =>
        {
            var form = await context.Request.ReadFormAsync();
            var returnUrl = form["returnUrl"].ToString();
            if (!token.Matches(form["token"].ToString()))
            {
                return Page(returnUrl, "That is not the operator token.", StatusCodes.Status401Unauthorized);
            }

            context.Response.Cookies.Append(OperatorAuthentication.CookieName, token.Value, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                IsEssential = true,
            });
            return Results.Redirect(IsLocal(returnUrl) ? returnUrl : "/");
        }).AllowAnonymous().DisableAntiforgery();
        app.MapPost("/logout", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(OperatorAuthentication.CookieName);
            return Results.Redirect("/");
        }).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    /// <summary>Only paths of this site: never an open redirect.</summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static IResult Page(string? returnUrl, string? error, int status = StatusCodes.Status200OK) => Results.Content(
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Sign in · CollectorLb</title><link rel="stylesheet" href="/dashboard.css"></head>
        <body class="login"><main><h1>CollectorLb operator sign-in</h1>
        <p>Requeueing files and the Orleans dashboard need the operator token (setting <code>CollectorLb:Dashboard:OperatorToken</code>).</p>
        {(error is null ? string.Empty : $"<p class=\"error\" id=\"login-error\">{WebUtility.HtmlEncode(error)}</p>")}
        <form method="post" action="/login">
        <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(IsLocal(returnUrl) ? returnUrl : "/")}">
        <label>Token <input type="password" name="token" id="token" autocomplete="current-password" autofocus></label>
        <button type="submit">Sign in</button></form>
        <p><a href="/">Back to the dashboard</a></p></main></body></html>
        """,
        "text/html; charset=utf-8",
        statusCode: status);
}
