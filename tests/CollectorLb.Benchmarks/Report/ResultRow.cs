namespace CollectorLb.Benchmarks.Report;

/// <summary>One line of the results table: our figure, the reference it is held against, and their ratio.</summary>
internal sealed record ResultRow(string What, string Ours, string Reference = "", string Ratio = "", string Detail = "");
