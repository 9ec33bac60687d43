using Portal.Domain.Health;

namespace Portal.Tests.Unit.Domain;

public class HealthPolicyTests
{
    private static ComponentHealth Component(string name, HealthState state) =>
        new(name, state, TimeSpan.FromMilliseconds(3), state == HealthState.Healthy ? null : "down", new Dictionary<string, object?>());

    [Fact]
    public void Overall_AllHealthy_IsHealthy() =>
        Assert.Equal(HealthState.Healthy, HealthPolicy.Overall([
            Component("db", HealthState.Healthy), Component("cache", HealthState.Healthy), Component("prometheus", HealthState.Healthy)]));

    [Fact]
    public void Overall_CacheDown_IsOnlyDegraded() =>
        Assert.Equal(HealthState.Degraded, HealthPolicy.Overall([
            Component("db", HealthState.Healthy), Component("cache", HealthState.Unhealthy), Component("prometheus", HealthState.Healthy)]));

    [Fact]
    public void Overall_PrometheusDown_IsOnlyDegraded() =>
        Assert.Equal(HealthState.Degraded, HealthPolicy.Overall([
            Component("db", HealthState.Healthy), Component("prometheus", HealthState.Unhealthy)]));

    [Fact]
    public void Overall_DatabaseDown_IsUnhealthy() =>
        Assert.Equal(HealthState.Unhealthy, HealthPolicy.Overall([
            Component("db", HealthState.Unhealthy), Component("cache", HealthState.Healthy)]));

    [Theory]
    [InlineData(HealthState.Healthy, 200)]
    [InlineData(HealthState.Degraded, 200)]
    [InlineData(HealthState.Unhealthy, 503)]
    public void HttpStatus_ServesTrafficUnlessUnhealthy(HealthState state, int expected) =>
        Assert.Equal(expected, HealthPolicy.HttpStatus(state));
}
