namespace Portal.Tests.Integration.Cluster;

/// <summary>
/// Waits for something the cluster does in its own time (a feed connecting, a notice arriving). The patience is a
/// deadline against hanging, not a measurement: how fast it happens is for tests/Benchmarks.
/// </summary>
internal static class Eventually
{
    public static Task UntilAsync(Func<bool> done, TimeSpan patience, string failure, TimeSpan? every = null, Func<Task>? poke = null) =>
        UntilAsync(done, patience, () => failure, every, poke);

    /// <param name="failure">Said when the patience runs out, worded then (what had arrived by that time).</param>
    /// <param name="poke">Done before each look, e.g. sending again what may have been missed.</param>
    public static async Task UntilAsync(Func<bool> done, TimeSpan patience, Func<string> failure, TimeSpan? every = null, Func<Task>? poke = null)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            if (poke is not null)
            {
                await poke();
            }

            if (done())
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, DateTimeOffset.UtcNow < deadline ? null : failure());
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(50));
        }
    }
}
