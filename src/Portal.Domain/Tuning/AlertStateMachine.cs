using Portal.Domain.PromQl;

namespace Portal.Domain.Tuning;

/// <summary>
/// Prometheus 2.42's <c>AlertingRule.Eval</c> for one label set, replayed over a series' evaluations.
/// The differential test holds it to promtool's answer at every step.
/// </summary>
internal static class AlertStateMachine
{
    /// <summary>The episodes, oldest first; they determine the state at every step (see <see cref="EpisodeStates"/>).</summary>
    /// <param name="holds">Whether the condition held at each evaluation (a sample was there and compared true).</param>
    /// <param name="values">The sample at each evaluation; read only where <paramref name="holds"/> is true.</param>
    public static List<AlertEpisode> Run(EvaluationGrid grid, ReadOnlySpan<bool> holds, ReadOnlySpan<double> values)
    {
        var episodes = new List<AlertEpisode>();
        var state = AlertState.Inactive;
        long activeAt = 0, firedAt = 0, keepFiringSince = 0;
        var keeping = false;
        var peak = 0.0;
        for (var i = 0; i < holds.Length; i++)
        {
            // Most series are inactive most of the time: jump to the next breach (a vectorized search).
            if (state == AlertState.Inactive && !holds[i])
            {
                var next = holds[i..].IndexOf(true);
                if (next < 0)
                {
                    break;
                }
                i += next;
            }

            var t = grid.TimeAt(i);
            if (holds[i])
            {
                // A returning condition ends any keep_firing_for grace: Prometheus zeroes KeepFiringSince.
                keeping = false;
                if (state == AlertState.Inactive)
                {
                    state = AlertState.Pending;
                    activeAt = t;
                    peak = values[i];
                }
                else
                {
                    peak = Extreme(grid.Operator, grid.Threshold, peak, values[i]);
                }

                if (state == AlertState.Pending && t - activeAt >= grid.ForMs)
                {
                    state = AlertState.Firing;
                    firedAt = t;
                }
            }
            else if (state == AlertState.Pending)
            {
                // A pending alert has no grace: Prometheus deletes it at the first evaluation without it.
                episodes.Add(new AlertEpisode(activeAt, null, t, peak));
                state = AlertState.Inactive;
            }
            else if (state == AlertState.Firing)
            {
                // The grace is measured from the first evaluation that missed, not from the last one that
                // held (KeepFiringSince = ts), so it lasts one interval longer than the docs' sentence reads.
                if (grid.KeepFiringForMs > 0)
                {
                    if (!keeping)
                    {
                        keeping = true;
                        keepFiringSince = t;
                    }
                    if (t - keepFiringSince < grid.KeepFiringForMs)
                    {
                        continue;
                    }
                }

                episodes.Add(new AlertEpisode(activeAt, firedAt, t, peak));
                state = AlertState.Inactive;
                keeping = false;
            }
        }

        if (state != AlertState.Inactive)
        {
            episodes.Add(new AlertEpisode(activeAt, state == AlertState.Firing ? firedAt : null, null, peak));
        }

        return episodes;
    }

    /// <summary>The worse of two values that both breach the threshold.</summary>
    private static double Extreme(TokenKind op, double threshold, double current, double candidate) => op switch
    {
        TokenKind.Gtr or TokenKind.Gte => Math.Max(current, candidate),
        TokenKind.Lss or TokenKind.Lte => Math.Min(current, candidate),
        TokenKind.Neq when double.IsNaN(current) => candidate,
        TokenKind.Neq when Math.Abs(candidate - threshold) > Math.Abs(current - threshold) => candidate,
        _ => current,
    };
}
