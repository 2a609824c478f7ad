namespace Incentives.Eligibility;

/// <summary>How an <see cref="AttributeRule"/> compares a claim's attribute. The JSON name is given for each.</summary>
public enum AttributeOperator
{
    /// <summary><c>"equals"</c>: the attribute is present and equal (ordinal) to the value.</summary>
    Equal,

    /// <summary><c>"notEquals"</c>: the attribute is absent or differs from the value (the exact negation of <see cref="Equal"/>).</summary>
    NotEqual,

    /// <summary><c>"in"</c>: the attribute is present and one of the values.</summary>
    In,

    /// <summary><c>"exists"</c>: the attribute is present, whatever its value.</summary>
    Exists,

    /// <summary><c>"greaterThan"</c>: the attribute is a decimal number greater than the value.</summary>
    GreaterThan,

    /// <summary><c>"greaterThanOrEqual"</c>: the attribute is a decimal number greater than or equal to the value.</summary>
    GreaterThanOrEqual,

    /// <summary><c>"lessThan"</c>: the attribute is a decimal number less than the value.</summary>
    LessThan,

    /// <summary><c>"lessThanOrEqual"</c>: the attribute is a decimal number less than or equal to the value.</summary>
    LessThanOrEqual,
}
