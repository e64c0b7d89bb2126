using System.Reflection;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Settings;
using CollectorLb.Dashboard.Hosting;
using CollectorLb.Grains.Connectors.Balancing;
using CollectorLb.Grains.Options;
using CollectorLb.Silo.Configuration;

namespace CollectorLb.UnitTests.Abstractions.Settings;

public class SettingsValidatorTests
{
    /// <summary>Every section the silo and the dashboard validate at start.</summary>
    private static readonly Type[] Sections =
    [
        typeof(HostIdentityOptions), typeof(SpoolOptions), typeof(RegistryOptions), typeof(DeliveryOptions), typeof(ConnectorPoolOptions),
        typeof(NfcapdOptions), typeof(WatcherOptions), typeof(UploadOptions), typeof(PortOptions), typeof(SiloClusterOptions),
        typeof(DashboardOptions),
    ];

    [Fact]
    public void Validate_Defaults_AreValidInEverySection()
    {
        Assert.Empty(Failures(new HostIdentityOptions()));
        Assert.Empty(Failures(new SpoolOptions()));
        Assert.Empty(Failures(new RegistryOptions()));
        Assert.Empty(Failures(new DeliveryOptions()));
        Assert.Empty(Failures(new ConnectorPoolOptions()));
        Assert.Empty(Failures(new NfcapdOptions()));
        Assert.Empty(Failures(new WatcherOptions()));
        Assert.Empty(Failures(new UploadOptions()));
        Assert.Empty(Failures(new PortOptions()));
        Assert.Empty(Failures(new SiloClusterOptions()));
        Assert.Empty(Failures(new DashboardOptions()));
    }

    [Fact]
    public void Validate_EveryDeliverySettingOutOfItsRange_ListsEachWithItsRange()
    {
        var failures = Failures(new DeliveryOptions
        {
            RetryBaseDelaySeconds = 0,
            RetryMaxDelaySeconds = 100_000,
            NoConnectorRetrySeconds = -1,
            MaxAttempts = 0,
            MaxUploadsInFlight = 10_001,
            LongUploadSeconds = 0.05,
            StuckFileReminderSeconds = 0.5,
            ShutdownGraceSeconds = double.NaN,
        });

        Assert.Equal(
        [
            "CollectorLb:Delivery:RetryBaseDelaySeconds must be between 0.01 and 3600; got 0.",
            "CollectorLb:Delivery:RetryMaxDelaySeconds must be between 0.01 and 86400; got 100000.",
            "CollectorLb:Delivery:NoConnectorRetrySeconds must be between 0.01 and 3600; got -1.",
            "CollectorLb:Delivery:MaxAttempts must be between 1 and 1000; got 0.",
            "CollectorLb:Delivery:MaxUploadsInFlight must be between 1 and 10000; got 10001.",
            "CollectorLb:Delivery:LongUploadSeconds must be between 0.1 and 86400; got 0.05.",
            "CollectorLb:Delivery:StuckFileReminderSeconds must be between 1 and 86400; got 0.5.",
            "CollectorLb:Delivery:ShutdownGraceSeconds must be between 0 and 3600; got NaN.",
        ], failures);
    }

    [Fact]
    public void Validate_RangesAndRulesBroken_ListsThemAllInOneResult()
    {
        var failures = Failures(new ConnectorPoolOptions { Policy = "fastest", PingSeconds = 0, FailuresBeforeEjection = 0 });

        Assert.Equal(
        [
            "CollectorLb:Pool:FailuresBeforeEjection must be between 1 and 1000; got 0.",
            "CollectorLb:Pool:PingSeconds must be between 0.05 and 3600; got 0.",
            $"CollectorLb:Pool:Policy must be one of {string.Join(", ", LoadBalancingPolicies.All)}; got 'fastest'.",
        ], failures);
    }

    [Fact]
    public void Validate_HostId_HeldToTheRuleOfAFileKeysHostPart()
    {
        Assert.Empty(Failures(new HostIdentityOptions { HostId = new string('h', FileKey.MaxHostIdLength) }));
        foreach (var hostId in new[] { new string('h', FileKey.MaxHostIdLength + 1), "a/b", "..", " ", "tab\there" })
        {
            var failure = Assert.Single(Failures(new HostIdentityOptions { HostId = hostId }));
            Assert.StartsWith($"CollectorLb:HostId must be 1-{FileKey.MaxHostIdLength} characters", failure);
        }
    }

    [Fact]
    public void Validate_RetryCapBelowItsBase_IsRefusedWithBothValues()
    {
        var failures = Failures(new DeliveryOptions { RetryBaseDelaySeconds = 10, RetryMaxDelaySeconds = 5 });

        Assert.Equal(["CollectorLb:Delivery:RetryMaxDelaySeconds must not be below RetryBaseDelaySeconds (10); got 5."], failures);
    }

    [Fact]
    public void Validate_SettingsAnOldVariableMapsOnto_NameTheVariableToo()
    {
        var registry = Failures(new RegistryOptions { Host = "bad host", Port = 0, Scheme = "ftp" });
        var nfcapd = Failures(new NfcapdOptions { Port = 70_000, IntervalSeconds = 1 });

        Assert.Equal(
        [
            "CollectorLb:Registry:Port (REGISTRY_PORT) must be between 1 and 65535; got 0.",
            "CollectorLb:Registry:Host (REGISTRY_IP) must be a host name or IP address; got 'bad host'.",
            "CollectorLb:Registry:Scheme must be http or https; got 'ftp'.",
        ], registry);
        Assert.Equal(
        [
            "CollectorLb:Nfcapd:Port (NFCAPD_PORT) must be between 1 and 65535; got 70000.",
            "CollectorLb:Nfcapd:IntervalSeconds (NFCAPD_INTERVAL_SECONDS) must be between 2 and 86400; got 1.",
        ], nfcapd);
    }

    [Fact]
    public void Validate_UploadTimeoutZero_SaysWhatTheSiloPrintsAtStart()
    {
        Assert.Equal(["CollectorLb:Upload:TimeoutSeconds must be between 0.1 and 86400; got 0."], Failures(new UploadOptions { TimeoutSeconds = 0 }));
    }

    [Fact]
    public void Validate_PortsOutOfRangeAndShared_ListsEachAndTheClash()
    {
        var failures = Failures(new PortOptions { HttpPort = 0, SiloPort = 30000, GatewayPort = 30000 });

        Assert.Equal(
        [
            "CollectorLb:Ports:HttpPort must be between 1 and 65535; got 0.",
            "CollectorLb:Ports:*Port must be three different ports; got HTTP 0, silo 30000, gateway 30000.",
        ], failures);
    }

    [Fact]
    public void Validate_WatcherAndDashboardOutOfRange_ListsEverySetting()
    {
        var watcher = Failures(new WatcherOptions { RescanSeconds = 0, StableSeconds = 601, MaxClaimedFiles = 0, MaxConcurrentReports = 1025 });
        var dashboard = Failures(new DashboardOptions { HttpPort = 0, OperatorToken = "short", RefreshSeconds = 0 });

        Assert.Equal(
        [
            "CollectorLb:Watcher:RescanSeconds must be between 0.1 and 3600; got 0.",
            "CollectorLb:Watcher:StableSeconds must be between 0.05 and 600; got 601.",
            "CollectorLb:Watcher:MaxClaimedFiles must be between 1 and 1000000; got 0.",
            "CollectorLb:Watcher:MaxConcurrentReports must be between 1 and 1024; got 1025.",
        ], watcher);
        Assert.Equal(
        [
            "CollectorLb:Dashboard:HttpPort must be between 1 and 65535; got 0.",
            "CollectorLb:Dashboard:RefreshSeconds must be between 0.2 and 3600; got 0.",
            "CollectorLb:Dashboard:OperatorToken must be at least 12 characters long.",
        ], dashboard);
    }

    [Fact]
    public void Validate_BoundsAreInclusive()
    {
        Assert.Empty(Failures(new DeliveryOptions { RetryBaseDelaySeconds = 0.01, RetryMaxDelaySeconds = 86400, ShutdownGraceSeconds = 0 }));
        Assert.Empty(Failures(new PortOptions { HttpPort = 1, SiloPort = 65535, GatewayPort = 2 }));
    }

    [Fact]
    public void EveryNumericSetting_HasItsBoundsBesideIt()
    {
        var unbounded = Sections
            .SelectMany(section => section.GetProperties().Where(p => p.CanWrite && p.PropertyType is var t && (t == typeof(int) || t == typeof(double)))
                .Where(p => p.GetCustomAttribute<SettingAttribute>() is not { IsBounded: true })
                .Select(p => $"{section.Name}.{p.Name}"))
            .ToList();

        Assert.Empty(unbounded);
    }

    [Fact]
    public void EverySecondsSetting_HasATimeSpanViewOfTheSameLength()
    {
        foreach (var section in Sections)
        {
            foreach (var seconds in section.GetProperties().Where(p => p.PropertyType == typeof(double) && p.Name.EndsWith("Seconds", StringComparison.Ordinal)))
            {
                var instance = Activator.CreateInstance(section)!;
                seconds.SetValue(instance, 1.5);
                var views = section.GetProperties().Where(p => p.PropertyType == typeof(TimeSpan) && (TimeSpan)p.GetValue(instance)! == TimeSpan.FromSeconds(1.5)).ToList();

                Assert.True(views.Count == 1, $"{section.Name}.{seconds.Name} has {views.Count} TimeSpan views equal to it");
            }
        }
    }

    private static List<string> Failures<TOptions>(TOptions options)
        where TOptions : class, ISettingsSection
    {
        var result = new SettingsValidator<TOptions>().Validate(Options.DefaultName, options);
        return result.Failed ? [.. result.Failures] : [];
    }
}
