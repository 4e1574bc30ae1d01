namespace UsageDashboard.Data.Storage;

/// <summary>The CLR shapes a usage column can have; each batch writer binds them natively.</summary>
internal enum UsageColumnKind
{
    Text,
    Int32,
    NullableInt32,
    Int64,
    NullableInt64,
    Double,
    NullableDouble,
    Boolean,
    NullableBoolean,
    Timestamp,
}
