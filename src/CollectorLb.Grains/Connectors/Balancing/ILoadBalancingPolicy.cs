using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors.Model;

namespace CollectorLb.Grains.Connectors.Balancing;

/// <summary>Chooses the connector for one file among those the pool considers available.</summary>
internal interface ILoadBalancingPolicy
{
    /// <summary>The name configuration selects this policy by; one of <see cref="LoadBalancingPolicies"/>.</summary>
    string Name { get; }

    /// <summary>Returns the chosen connector, or null when <paramref name="available"/> is empty.</summary>
    ConnectorState? PickConnector(LeaseRequest request, IReadOnlyList<ConnectorState> available);
}
