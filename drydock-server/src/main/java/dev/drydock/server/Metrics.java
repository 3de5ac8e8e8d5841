package dev.drydock.server;

import dev.drydock.model.ScanResult;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters for {@code /metrics} (Prometheus text exposition format 0.0.4). */
final class Metrics {
  final AtomicLong submitted = new AtomicLong();
  final AtomicLong completed = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong layersAnalysed = new AtomicLong();
  final AtomicLong layersReused = new AtomicLong();
  final AtomicLong scanMillis = new AtomicLong();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();

  void scanned(ScanResult r, long millis) {
    completed.incrementAndGet();
    scanMillis.addAndGet(millis);
    if (r.stats() != null) {
      layersAnalysed.addAndGet(r.stats().layersAnalysed());
      layersReused.addAndGet(r.stats().layersFromCache());
    }
  }

  String render(Map<String, Long> jobs, long layersIndexed) {
    StringBuilder b = new StringBuilder();
    counter(b, "drydock_scans_submitted_total", "Scan jobs submitted to this server", submitted.get());
    counter(b, "drydock_scans_completed_total", "Scan jobs this server completed", completed.get());
    counter(b, "drydock_scans_failed_total", "Scan jobs that failed on this server", failed.get());
    counter(b, "drydock_scan_duration_milliseconds_total", "Time this server spent on completed scans",
        scanMillis.get());
    counter(b, "drydock_layers_analysed_total", "Layers walked by this server's scans", layersAnalysed.get());
    counter(b, "drydock_layers_reused_total", "Layers whose facts came from the store", layersReused.get());
    if (layersIndexed >= 0) {
      counter(b, "drydock_layers_indexed_total", "Layers this server indexed first in the shared store",
          layersIndexed);
    }
    counter(b, "drydock_http_requests_total", "HTTP requests answered", requests.get());
    counter(b, "drydock_http_rejected_total", "HTTP requests refused (401, 403, 413, 429)", rejected.get());
    b.append("# HELP drydock_jobs Jobs in the store by state\n# TYPE drydock_jobs gauge\n");
    jobs.forEach((state, n) -> b.append("drydock_jobs{state=\"").append(state).append("\"} ").append(n)
        .append('\n'));
    return b.toString();
  }

  private static void counter(StringBuilder b, String name, String help, long value) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" counter\n");
    b.append(name).append(' ').append(value).append('\n');
  }
}
