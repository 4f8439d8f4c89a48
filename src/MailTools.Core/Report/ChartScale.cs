using System;
using System.Collections.Generic;
using System.Globalization;

namespace MailTools.Core.Report
{
    /// <summary>Axis scales: "nice" round tick steps (1, 2, 5 × 10^n) and one unit for a whole axis (bytes in KB/MB/GB, or counts).</summary>
    internal sealed class ChartScale
    {
        ChartScale(double max, double step, double divisor, string unit)
        {
            Max = max;
            Step = step;
            Divisor = divisor;
            Unit = unit;
        }

        /// <summary>The axis end (a whole number of steps, at least the data's maximum).</summary>
        public double Max { get; }
        public double Step { get; }
        public double Divisor { get; }
        /// <summary>What the axis counts ("MB", "messages").</summary>
        public string Unit { get; }

        public static ChartScale ForBytes(double max)
        {
            double divisor = max >= 1L << 30 ? 1L << 30 : max >= 1L << 20 ? 1L << 20 : max >= 1L << 10 ? 1L << 10 : 1;
            string unit = divisor == 1L << 30 ? "GB" : divisor == 1L << 20 ? "MB" : divisor == 1L << 10 ? "KB" : "bytes";
            return Make(max, divisor, unit);
        }

        public static ChartScale ForCount(double max, string unit = "messages") => Make(max, 1, unit);

        static ChartScale Make(double max, double divisor, string unit)
        {
            double scaled = Math.Max(max / divisor, divisor == 1 ? 1 : 0.1);
            double raw = scaled / 5;
            double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            double step = magnitude;
            foreach (var m in new[] { 1.0, 2.0, 5.0, 10.0 })
                if (raw <= m * magnitude) { step = m * magnitude; break; }
            if (divisor == 1 && step < 1) step = 1; // whole messages
            double top = Math.Ceiling(scaled / step) * step;
            return new ChartScale(top * divisor, step * divisor, divisor, unit);
        }

        public IEnumerable<double> Ticks()
        {
            for (double v = 0; v <= Max + Step / 2; v += Step)
                yield return v;
        }

        public string Label(double value) => (value / Divisor).ToString(Step / Divisor < 1 ? "0.#" : "#,0", CultureInfo.InvariantCulture);

        /// <summary>A value with its unit for labels and tooltips ("12.5 MB", "1,204 messages").</summary>
        public static string Bytes(double bytes) => Cleanup.CleanupPlan.FormatBytes((long)bytes);
        public static string Count(double count, string unit = "messages") => count.ToString("#,0", CultureInfo.InvariantCulture) + " " + unit;
    }
}
