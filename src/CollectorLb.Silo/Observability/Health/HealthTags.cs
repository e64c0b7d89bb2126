namespace CollectorLb.Silo.Observability.Health;

/// <summary>Tags of the silo's health checks: <c>/readyz</c> runs the <see cref="Ready"/> ones, <c>/healthz</c> none (alive is enough).</summary>
internal static class HealthTags
{
    public const string Ready = "ready";
}
