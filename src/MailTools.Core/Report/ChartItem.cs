namespace MailTools.Core.Report
{
    /// <summary>One bar, slice or tile: a label, the value drawn, and the words its tooltip shows.</summary>
    internal sealed class ChartItem
    {
        public ChartItem(string label, double value, string? detail = null)
        {
            Label = label;
            Value = value;
            Detail = detail;
        }

        public string Label { get; }
        public double Value { get; }
        public string? Detail { get; }
    }
}
