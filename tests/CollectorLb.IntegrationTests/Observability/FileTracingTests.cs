using CollectorLb.Grains.Observability;
using CollectorLb.IntegrationTests.TestSupport;
using CollectorLb.Silo.Observability;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;

namespace CollectorLb.IntegrationTests.Observability;

/// <summary>
/// Each file's trip is one trace: its claim, its life in its grain, each attempt and the POST under it. Runs alone
/// (<see cref="AloneCollection"/>): the exporter hears the spans of every silo in the process, not only this test's.
/// </summary>
[Collection(AloneCollection.Name)]
public class FileTracingTests
{
    [Fact]
    public async Task DeliveredFiles_EachIsOneTraceWithItsLifeItsAttemptAndThePostUnderIt()
    {
        var spans = new List<Activity>();
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            ConfigureSilo = silo =>
            {
                silo.AddActivityPropagation();
                silo.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddCollectorLbSources().AddInMemoryExporter(spans));
            },
        });

        var files = harness.DropFiles(3);
        await harness.WaitUntilDeliveredAsync(files);
        await Eventually.TrueAsync(() => Ended(spans).Count(s => s.OperationName == FileTracing.LifeSpan) == files.Count, "every file's span ended with its deletion");

        var byTrace = Ended(spans).GroupBy(s => s.TraceId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var name in files.Keys)
        {
            var life = Assert.Single(Ended(spans), s => s.OperationName == FileTracing.LifeSpan && (string?)s.GetTagItem("collectorlb.file.name") == name);
            var trace = byTrace[life.TraceId];
            Assert.Equal(["detected", "sent", "deleted"], life.Events.Select(e => e.Name));
            Assert.Equal("deleted", life.GetTagItem("collectorlb.file.outcome"));
            var attempt = Assert.Single(trace, s => s.OperationName == FileTracing.AttemptSpan);
            Assert.Equal(life.SpanId, attempt.ParentSpanId);
            Assert.Equal("Acknowledged", attempt.GetTagItem("collectorlb.outcome"));
            var post = Assert.Single(trace, s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http");
            Assert.Equal(attempt.SpanId, post.ParentSpanId);

            // The trace starts with the watcher's claim; the Detect call carried it to the file's grain.
            var claim = Assert.Single(trace, s => s.OperationName == FileTracing.ClaimSpan);
            Assert.Equal(default, claim.ParentSpanId);
            Assert.Contains(trace, s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.SpanId == life.ParentSpanId);
            Assert.All(trace, s => Assert.DoesNotContain(s, byTrace.Where(t => t.Key != life.TraceId).SelectMany(t => t.Value)));
        }
    }

    [Fact]
    public void AddCollectorTracing_OnlyWhenTheOtlpEndpointIsSet()
    {
        static TracerProvider? Provider(string? endpoint)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [TracingServiceCollectionExtensions.OtlpEndpointSetting] = endpoint }).Build();
            return new ServiceCollection().AddCollectorLbTracing(configuration).BuildServiceProvider().GetService<TracerProvider>();
        }

        Assert.Null(Provider(null));
        Assert.NotNull(Provider("http://127.0.0.1:4317"));
    }

    /// <summary>A copy of what the exporter has: it appends while spans end, so a copy that raced an append is taken again.</summary>
    private static List<Activity> Ended(List<Activity> spans)
    {
        while (true)
        {
            try
            {
                return spans.ToArray().OfType<Activity>().ToList();
            }
            catch (ArgumentException)
            {
            }
            catch (InvalidOperationException)
            {
            }
        }
    }
}
