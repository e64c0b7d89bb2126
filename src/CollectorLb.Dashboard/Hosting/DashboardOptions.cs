namespace CollectorLb.Dashboard.Hosting;

/// <summary>The dashboard's own settings. Section <c>CollectorLb:Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "CollectorLb:Dashboard";

    /// <summary>Where the dashboard listens (all interfaces).</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>
    /// The secret an operator presents to requeue files and to open <c>/orleans</c>. Empty: a random one is made
    /// at start and written to the log, so actions stay possible but only for whoever can read the log.
    /// </summary>
    public string? OperatorToken { get; set; }

    /// <summary>How often live pages get a new overview.</summary>
    public double RefreshSeconds { get; set; } = 2;
}
