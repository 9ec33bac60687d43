namespace Portal.Domain.Health;

/// <summary>
/// The Health page's judgements, kept pure: which targets and groups people should see first, and how many
/// are left out when a large installation has more than a page can hold.
/// </summary>
public static class HealthBoard
{
    /// <summary>
    /// Targets grouped by server and job. Jobs with a target that is not up come first, and inside a job the
    /// targets that are not up come first, so trouble is on top whatever the size. At most
    /// <paramref name="maxTargets"/> targets are kept (whole jobs are cut short rather than dropped unseen);
    /// the rest are counted.
    /// </summary>
    public static Bounded<TargetJob> GroupTargets(IEnumerable<ScrapeTargetView> targets, int maxTargets)
    {
        var jobs = targets
            .GroupBy(t => (t.Server, t.Job))
            .Select(g =>
            {
                var sorted = g.OrderBy(t => t.IsUp)
                    .ThenBy(t => t.Instance, StringComparer.Ordinal)
                    .ThenBy(t => t.ScrapePool, StringComparer.Ordinal)
                    .ToList();
                return new TargetJob(g.Key.Server, g.Key.Job, sorted.Count(t => t.IsUp), sorted.Count, sorted);
            })
            .OrderBy(j => j.AllUp)
            .ThenBy(j => j.Server, StringComparer.Ordinal)
            .ThenBy(j => j.Job, StringComparer.Ordinal)
            .ToList();

        var kept = new List<TargetJob>();
        var room = Math.Max(0, maxTargets);
        var omitted = 0;
        foreach (var job in jobs)
        {
            if (room == 0)
            {
                omitted += job.Targets.Count;
                continue;
            }

            // The job's summary stays true (3/40 up) even when only its first rows are listed.
            var rows = job.Targets.Count <= room ? job.Targets : job.Targets.Take(room).ToList();
            omitted += job.Targets.Count - rows.Count;
            room -= rows.Count;
            kept.Add(job with { Targets = rows });
        }

        return new Bounded<TargetJob>(kept, omitted);
    }

    /// <summary>The groups that use the largest share of their interval, most first; ties by absolute time, then by name.</summary>
    public static Bounded<GroupTiming> SlowestGroups(IEnumerable<GroupTiming> groups, int take)
    {
        var all = groups
            .OrderByDescending(g => g.FractionOfInterval ?? -1)
            .ThenByDescending(g => g.EvaluationSeconds)
            .ThenBy(g => g.Server, StringComparer.Ordinal)
            .ThenBy(g => g.Group, StringComparer.Ordinal)
            .ToList();
        var kept = all.Take(Math.Max(0, take)).ToList();
        return new Bounded<GroupTiming>(kept, all.Count - kept.Count);
    }

    /// <summary>Failing rules in a stable order (server, file, group, name), at most <paramref name="max"/>.</summary>
    public static Bounded<FailingRule> Failing(IEnumerable<FailingRule> rules, int max)
    {
        var all = rules
            .OrderBy(r => r.Server, StringComparer.Ordinal)
            .ThenBy(r => r.File, StringComparer.Ordinal)
            .ThenBy(r => r.Group, StringComparer.Ordinal)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ThenBy(r => r.Occurrence)
            .ToList();
        var kept = all.Take(Math.Max(0, max)).ToList();
        return new Bounded<FailingRule>(kept, all.Count - kept.Count);
    }

    /// <summary>Evaluation time over interval; null when the interval is unknown or not positive, or the time is not a number.</summary>
    public static double? FractionOfInterval(double evaluationSeconds, double intervalSeconds) =>
        intervalSeconds > 0 && double.IsFinite(evaluationSeconds) && evaluationSeconds >= 0 && double.IsFinite(intervalSeconds)
            ? evaluationSeconds / intervalSeconds
            : null;

    /// <summary>"just now", "40 s ago", "2 min ago", "3 h ago", "2 d ago": how old data is, in the words the page uses.</summary>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.FromSeconds(1))
        {
            return "just now";
        }

        return age.TotalSeconds < 60 ? $"{(int)age.TotalSeconds} s ago"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes} min ago"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours} h ago"
            : $"{(int)age.TotalDays} d ago";
    }
}
