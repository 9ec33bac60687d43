namespace Portal.Domain.Tuning;

/// <summary>Receives the samples of one series at their evaluation steps (see <see cref="EvaluationGrid.Align"/>).</summary>
internal interface ISampleSink
{
    void Add(int step, double value);
}
