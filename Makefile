# Anju — two commands: `make run` and `make test`.
# Both install the Debian packages Anju needs (as root), build with meson
# and then run the app or the whole test suite.

BUILD      ?= build
ASAN_BUILD ?= build-asan
MESON      ?= meson

DEBIAN_PACKAGES = meson ninja-build pkg-config gcc libgtk-4-dev libadwaita-1-dev \
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libsodium-dev libgmp-dev glib-networking \
  gettext desktop-file-utils appstream xvfb xauth fonts-noto-cjk poppler-utils \
  imagemagick python3 openssl

# Quiet, fast headless GTK: no accessibility bus, no GL, settings in memory.
HEADLESS_ENV = GTK_A11Y=none GSETTINGS_BACKEND=memory GDK_DEBUG=gl-disable GSK_RENDERER=cairo \
  NO_AT_BRIDGE=1

.PHONY: all deps build build-asan run test bench clean

all: build

deps:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Anju needs these Debian packages. Run:"; \
	    echo "  sudo apt-get install$$missing"; \
	    exit 1; \
	  fi; \
	fi

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD)

$(ASAN_BUILD)/build.ninja:
	$(MESON) setup $(ASAN_BUILD) -Dgui=false -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

build: deps $(BUILD)/build.ninja
	$(MESON) compile -C $(BUILD)

build-asan: deps $(ASAN_BUILD)/build.ninja
	$(MESON) compile -C $(ASAN_BUILD)

run: build
	GSETTINGS_SCHEMA_DIR=$(BUILD)/data ANJU_DATA_DIR=$(CURDIR)/data $(BUILD)/app/anju

# The whole suite: core, CLI, server and data tests, the GTK tests under
# Xvfb, then core, CLI and server again built with ASan and UBSan.
test: build build-asan
	@rc=0; \
	$(HEADLESS_ENV) xvfb-run -a -s "-screen 0 1280x800x24" \
	  $(MESON) test -C $(BUILD) --no-rebuild --print-errorlogs --no-suite bench || rc=1; \
	$(MESON) test -C $(ASAN_BUILD) --no-rebuild --print-errorlogs --suite core --suite cli --suite server || rc=1; \
	python3 build-aux/test-summary.py $(BUILD)/meson-logs/testlog.json \
	  $(ASAN_BUILD)/meson-logs/testlog.json || rc=1; \
	exit $$rc

# Benchmarks print figures beside their floors; they never fail the build.
# The BENCH lines (figure, floor, ratio, goal) are gathered at the end.
bench: build
	$(HEADLESS_ENV) xvfb-run -a -s "-screen 0 1280x800x24" \
	  $(MESON) test -C $(BUILD) --benchmark --verbose --logbase benchmarklog
	@grep -h '^BENCH ' $(BUILD)/meson-logs/benchmarklog.txt

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
