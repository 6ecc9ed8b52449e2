# Writes R's copies of public data sets as ARFF: factors -> nominal, numbers -> numeric, NA -> ?,
# class last.
#   Rscript mlbench2arff.R DIR           mlbench's copies of the UCI sets of the accuracy table
#   Rscript mlbench2arff.R DIR heldout   the held-out sets (bench/README.md, "Held-out data sets"):
#                                        kernlab's spam, musk and promotergene, MASS's crabs,
#                                        mlbench's Ozone and R's Titanic; no default was chosen on
#                                        any of them
#   Rscript mlbench2arff.R DIR dropout   the sets of the automatic dropout's held-out check
#                                        (bench/dropout-check.sh): mlbench's twonorm, ringnorm,
#                                        threenorm and waveform generators and ggplot2's diamonds
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
heldout <- length(args) > 1 && args[2] == "heldout"
dropout <- length(args) > 1 && args[2] == "dropout"
library(mlbench)
write_arff <- function(df, name, class) {
  df <- df[, c(setdiff(names(df), class), class)]
  con <- file(file.path(out, paste0(name, ".arff")), "w")
  writeLines(paste0("@relation ", name), con)
  q <- function(s) paste0("'", gsub("'", "\\\\'", s), "'")
  for (col in names(df)) {
    v <- df[[col]]
    if (is.factor(v) && !(name == "vowel" && col == "V1") && col != class && !any(is.na(suppressWarnings(as.numeric(levels(v)))))) { v <- as.numeric(as.character(v)); df[[col]] <- v }
    if (is.factor(v) || is.logical(v) || is.character(v)) {
      v <- as.factor(v); df[[col]] <- v
      writeLines(paste0("@attribute ", q(col), " {", paste(q(levels(v)), collapse = ","), "}"), con)
    } else {
      writeLines(paste0("@attribute ", q(col), " numeric"), con)
    }
  }
  writeLines("@data", con)
  cols <- lapply(names(df), function(col) {
    v <- df[[col]]
    s <- if (is.factor(v)) q(as.character(v)) else format(v, digits = 15, trim = TRUE)
    s[is.na(v)] <- "?"
    s
  })
  writeLines(do.call(paste, c(cols, sep = ",")), con)
  close(con)
}
if (dropout) {
  # 20-22 encoded inputs each; sizes and seeds as doc/defaults.md, "Dropout off where rows are
  # plentiful", measured them
  generated <- function(f, n, seed, name) {
    set.seed(seed)
    d <- f(n)
    df <- as.data.frame(d$x)
    df$class <- d$classes
    write_arff(df, name, "class")
    cat(name, "\n")
  }
  generators <- list(twonorm = mlbench.twonorm, ringnorm = mlbench.ringnorm,
                     threenorm = mlbench.threenorm, waveform = mlbench.waveform)
  for (g in names(generators)) {
    generated(generators[[g]], 6000, 1, paste0(g, "6000"))
    generated(generators[[g]], 3200, 2, paste0(g, "3200"))
    generated(generators[[g]], 1500, 1, paste0(g, "1500"))
  }
  library(ggplot2)
  d <- as.data.frame(diamonds) # cut (5 grades) from the other nine columns
  for (col in c("cut", "color", "clarity")) {
    d[[col]] <- factor(as.character(d[[col]]), levels = levels(diamonds[[col]]))
  }
  write_arff(d, "diamonds", "cut")
  set.seed(1)
  write_arff(d[sample(nrow(d), 6000), ], "diamonds6000", "cut")
  set.seed(2)
  write_arff(d[sample(nrow(d), 3200), ], "diamonds3200", "cut")
  cat("diamonds diamonds6000 diamonds3200\n")
  quit(save = "no")
}
if (heldout) {
  library(kernlab)
  library(MASS)
  data(spam, package = "kernlab")
  write_arff(spam, "spambase", "type")
  data(musk, package = "kernlab")
  write_arff(musk, "musk", "Class")
  data(promotergene, package = "kernlab")
  write_arff(promotergene, "promoters", "Class")
  crabs <- MASS::crabs
  crabs$index <- NULL # the row's number within its group: an identifier, not a measurement
  write_arff(crabs, "crabs", "sp")
  data(Ozone, package = "mlbench")
  ozone <- Ozone[!is.na(Ozone$V4), ] # the daily maximum ozone reading is the class
  write_arff(ozone, "ozone", "V4")
  titanic <- as.data.frame(Titanic)
  titanic <- titanic[rep(seq_len(nrow(titanic)), titanic$Freq),
                     c("Class", "Sex", "Age", "Survived")]
  write_arff(titanic, "titanic", "Survived")
  for (n in c("spambase", "musk", "promoters", "crabs", "ozone", "titanic")) cat(n, "\n")
  quit(save = "no")
}
sets <- list(
  c("LetterRecognition", "letter", "lettr"), c("Satellite", "satellite", "classes"),
  c("Vehicle", "vehicle", "Class"), c("Vowel", "vowel", "Class"), c("Sonar", "sonar", "Class"),
  c("DNA", "dna", "Class"), c("Zoo", "zoo", "type"), c("BreastCancer", "breast-w", "Class"),
  c("Shuttle", "shuttle", "Class"), c("BostonHousing", "boston", "medv"), c("Servo", "servo", "Class"))
for (s in sets) {
  data(list = s[1], package = "mlbench")
  df <- get(s[1])
  if (s[1] == "BreastCancer") df$Id <- NULL
  if (s[1] == "Vowel") df$V1 <- as.factor(df$V1)
  write_arff(as.data.frame(df), s[2], s[3])
  cat(s[2], nrow(df), ncol(df), "\n")
}
