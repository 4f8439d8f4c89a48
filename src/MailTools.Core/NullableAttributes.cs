#if NETSTANDARD2_0
namespace System.Diagnostics.CodeAnalysis
{
    // netstandard2.0 lacks the nullable flow attributes that net8.0 has; the compiler recognises them by name, so this
    // internal copy lets Try-methods say "not null when true" on both targets.
    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    internal sealed class NotNullWhenAttribute : Attribute
    {
        public NotNullWhenAttribute(bool returnValue) => ReturnValue = returnValue;

        public bool ReturnValue { get; }
    }

    // Lets a helper that maps null to null say so: a non-null argument gives a non-null result.
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.ReturnValue, AllowMultiple = true, Inherited = false)]
    internal sealed class NotNullIfNotNullAttribute : Attribute
    {
        public NotNullIfNotNullAttribute(string parameterName) => ParameterName = parameterName;

        public string ParameterName { get; }
    }
}
#endif
