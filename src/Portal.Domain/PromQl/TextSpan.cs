namespace Portal.Domain.PromQl;

/// <summary>A half-open range of offsets into the parsed text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
}
