using Portal.Domain.PromQl;

namespace Portal.Tests.Unit.Domain.PromQl;

public class ThresholdFormTests
{
    [Fact]
    public void Find_QueryComparedWithANumber_SplitsQueryOperatorAndThreshold()
    {
        var form = ThresholdForm.Find("sum(rate(errors_total[5m])) / sum(rate(requests_total[5m])) > 0.05")!;

        Assert.Equal("sum(rate(errors_total[5m])) / sum(rate(requests_total[5m]))", form.Query);
        Assert.Equal(">", form.OperatorSymbol);
        Assert.Equal(0.05, form.Threshold);
        Assert.False(form.Flipped);
    }

    [Fact]
    public void Find_NumberOnTheLeft_IsReadFlipped()
    {
        var form = ThresholdForm.Find("0.5 > cache_hit_ratio")!;

        Assert.Equal("cache_hit_ratio", form.Query);
        Assert.Equal("<", form.OperatorSymbol);
        Assert.True(form.Flipped);
        Assert.Equal("0.75 > cache_hit_ratio", form.WithThreshold(0.75));
    }

    [Fact]
    public void WithThreshold_ChangesOnlyTheNumber_KeepingSpacingAndComments()
    {
        const string text = "redis_memory_used_bytes / 268435456   >0.9  # 90% of 256MB";

        var rewritten = ThresholdForm.Find(text)!.WithThreshold(0.85);

        Assert.Equal("redis_memory_used_bytes / 268435456   >0.85  # 90% of 256MB", rewritten);
    }

    [Fact]
    public void Find_ArithmeticOfNumbers_CountsAsTheThreshold()
    {
        var form = ThresholdForm.Find("increase(process_resident_memory_bytes[1h]) > 100 * 1024 * 1024")!;

        Assert.Equal(104857600, form.Threshold);
        Assert.Equal("increase(process_resident_memory_bytes[1h]) > 52428800", form.WithThreshold(52428800));
    }

    [Theory]
    [InlineData("up == bool 0")]
    [InlineData("up")]
    [InlineData("a > b")]
    [InlineData("absent(up)")]
    [InlineData("1 < bool 2")]
    [InlineData("not promql (")]
    public void Find_WithoutAQueryAndANumber_HasNoThresholdForm(string text) => Assert.Null(ThresholdForm.Find(text));

    [Fact]
    public void WithThreshold_NaN_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdForm.Find("up > 1")!.WithThreshold(double.NaN));

    [Fact]
    public void Compose_ThenFind_RoundTrips()
    {
        var text = ThresholdForm.Compose("rate(x_total[5m])", ">=", 1.5e-7);

        var form = ThresholdForm.Find(text)!;

        Assert.Equal("rate(x_total[5m])", form.Query);
        Assert.Equal(1.5e-7, form.Threshold);
    }
}
