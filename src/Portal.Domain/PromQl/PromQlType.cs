namespace Portal.Domain.PromQl;

/// <summary>The four types of PromQL values, named as Prometheus names them in its errors.</summary>
public enum PromQlType
{
    Scalar,
    Vector,
    Matrix,
    String,
}
