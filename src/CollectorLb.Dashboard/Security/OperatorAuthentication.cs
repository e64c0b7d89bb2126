namespace CollectorLb.Dashboard.Security;

/// <summary>Names of the operator's authentication scheme, policy and cookie.</summary>
public static class OperatorAuthentication
{
    public const string Scheme = "OperatorToken";
    public const string Policy = "operator";
    public const string CookieName = "collectorlb-operator";

    /// <summary>Alternative to <c>Authorization: Bearer</c> for tools that set custom headers more easily.</summary>
    public const string HeaderName = "X-Operator-Token";
}
