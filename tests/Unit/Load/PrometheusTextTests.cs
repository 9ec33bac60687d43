using Portal.Load;

namespace Portal.Tests.Unit.Load;

public class PrometheusTextTests
{
    private const string Exposition = """
        # HELP process_working_set_bytes Process working set
        # TYPE process_working_set_bytes gauge
        process_working_set_bytes 2.5E+08
        process_working_set_bytes_total 7
        dotnet_total_memory_bytes{app="portal"} 123456
        process_open_handles 312
        """;

    [Theory]
    [InlineData("process_working_set_bytes", 250_000_000d)]
    [InlineData("dotnet_total_memory_bytes", 123_456d)]
    [InlineData("process_open_handles", 312d)]
    public void Value_ReadsSampleWithOrWithoutLabels(string metric, double expected) =>
        Assert.Equal(expected, PrometheusText.Value(Exposition, metric));

    [Fact]
    public void Value_MissingMetric_IsNull_NotALongerNamesValue() =>
        Assert.Null(PrometheusText.Value(Exposition, "process_working_set"));
}
