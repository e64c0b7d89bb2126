using CollectorLb.Abstractions.Connectors;

namespace CollectorLb.Grains.Connectors;

/// <summary>What recording one upload's outcome did: whom a failure is blamed on, and whether its connector was ejected or readmitted.</summary>
internal readonly record struct OutcomeEffect(FailureScope Scope, bool Ejected, bool Readmitted);
