#ifndef TATSH_CEDITLINE_SHIM_H
#define TATSH_CEDITLINE_SHIM_H

#include <stdio.h>
#include <histedit.h>

/* libedit's el_set, el_get and history are variadic, which Swift cannot
   call; these wrappers give each use a fixed signature. */

typedef char *(*tatsh_prompt_function)(EditLine *);

/* An editor on the process's standard streams. */
static inline EditLine *tatsh_el_open(const char *program) {
  return el_init(program, stdin, stdout, stderr);
}

static inline void tatsh_el_set_prompt(EditLine *el, tatsh_prompt_function prompt) {
  el_set(el, EL_PROMPT, prompt);
}

static inline void tatsh_el_set_client_data(EditLine *el, void *data) {
  el_set(el, EL_CLIENTDATA, data);
}

static inline void *tatsh_el_client_data(EditLine *el) {
  void *data = NULL;
  el_get(el, EL_CLIENTDATA, &data);
  return data;
}

static inline void tatsh_el_set_editor(EditLine *el, const char *mode) {
  el_set(el, EL_EDITOR, mode);
}

static inline void tatsh_el_set_signal_handling(EditLine *el, int on) {
  el_set(el, EL_SIGNAL, on);
}

static inline void tatsh_el_set_history(EditLine *el, History *list) {
  el_set(el, EL_HIST, history, list);
}

static inline History *tatsh_history_open(int size) {
  History *list = history_init();
  if (list == NULL) return NULL;
  HistEvent event;
  history(list, &event, H_SETSIZE, size);
  history(list, &event, H_SETUNIQUE, 1);
  return list;
}

static inline void tatsh_history_enter(History *list, const char *line) {
  HistEvent event;
  history(list, &event, H_ENTER, line);
}

/* The newest entry, then each older one in turn; NULL after the oldest. The
   text stays valid until the history changes. */
static inline const char *tatsh_history_newest(History *list) {
  HistEvent event;
  return history(list, &event, H_FIRST) < 0 ? NULL : event.str;
}

static inline const char *tatsh_history_older(History *list) {
  HistEvent event;
  return history(list, &event, H_NEXT) < 0 ? NULL : event.str;
}

static inline int tatsh_history_load(History *list, const char *path) {
  HistEvent event;
  return history(list, &event, H_LOAD, path);
}

static inline int tatsh_history_save(History *list, const char *path) {
  HistEvent event;
  return history(list, &event, H_SAVE, path);
}

/* Ctrl-C at the prompt: the terminal sends it as a character (isig is
   off while editing), and this drops the line being typed, prints ^C and
   shows a fresh prompt, as shells do. */
static unsigned char tatsh_interrupt_line(EditLine *el, int ch) {
  (void)ch;
  const LineInfo *line = el_line(el);
  el_cursor(el, (int)(line->lastchar - line->cursor));
  line = el_line(el);
  el_deletestr(el, (int)(line->cursor - line->buffer));
  fputs("^C\n", stdout);
  fflush(stdout);
  return CC_REDISPLAY;
}

static inline void tatsh_el_bind_interrupt(EditLine *el) {
  el_set(el, EL_SETTY, "-d", "-isig", NULL);
  el_set(el, EL_ADDFN, "tatsh-interrupt", "Drop the line and start again", tatsh_interrupt_line);
  el_set(el, EL_BIND, "^C", "tatsh-interrupt", NULL);
}

typedef unsigned char (*tatsh_editor_function)(EditLine *, int);

/* Ctrl-C runs `interrupt` (the terminal no longer turns it into SIGINT while a line is edited). */
static inline void tatsh_el_bind_interrupt_function(EditLine *el, tatsh_editor_function interrupt) {
  el_set(el, EL_ADDFN, "tatsh-interrupt-entry", "Drop the whole entry and start again", interrupt);
  el_set(el, EL_BIND, "^C", "tatsh-interrupt-entry", NULL);
}

/* Tab runs `complete`. */
static inline void tatsh_el_bind_completion(EditLine *el, tatsh_editor_function complete) {
  el_set(el, EL_ADDFN, "tatsh-complete", "Complete the word before the cursor", complete);
  el_set(el, EL_BIND, "^I", "tatsh-complete", NULL);
}

#endif
