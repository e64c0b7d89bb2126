using CollectorLb.Grains.Connectors.Model;

namespace CollectorLb.Grains.Connectors;

/// <summary>An outstanding lease: which connector carries which file's bytes since when.</summary>
internal sealed record Lease(long Id, ConnectorState Connector, string FileKey, long Bytes, DateTimeOffset IssuedAt);
