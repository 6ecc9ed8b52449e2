#!/usr/bin/env Rscript
# Writes R's help pages of base packages as plain text, one file per Rd file:
#   OUT_DIR/<package>/<Rd file name>.txt
# (text2arff.py rhelp OUT_DIR OUT_PREFIX turns them into the rhelp corpus; doc/text.md).
#
#   Rscript bench/datasets/rhelp2txt.R OUT_DIR
#
# The help pages are read from the installed R (tools::Rd_db) and rendered by tools::Rd2txt
# with plain quotes and no underlined titles, so the text depends only on the R version
# (4.2.2 of Debian 12's r-base-core for the corpus described in doc/text.md).
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: rhelp2txt.R OUT_DIR")
packages <- c("base", "graphics", "grid", "methods", "stats", "utils")
options(useFancyQuotes = FALSE, width = 80)
tools::Rd2txt_options(underline_titles = FALSE, code_quote = FALSE)
for (p in packages) {
  db <- tools::Rd_db(p)
  dir.create(file.path(args[1], p), recursive = TRUE, showWarnings = FALSE)
  for (name in sort(names(db))) {
    out <- file.path(args[1], p, sub("\\.Rd$", ".txt", basename(name)))
    tools::Rd2txt(db[[name]], out = out, package = p, outputEncoding = "UTF-8")
  }
}
