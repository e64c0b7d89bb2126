namespace CollectorLb.Abstractions.Connectors;

/// <summary>Whom a failed upload is blamed on: only failures of the file itself count toward its quarantine.</summary>
public enum FailureScope
{
    /// <summary>The downstream failed (unreachable, unavailable, or failing other files too): the file waits it out.</summary>
    Downstream,

    /// <summary>The connector refused this file while it takes others: the failure counts toward the file's attempts.</summary>
    ThisFile,
}
