// A small stand-in for Google Apps Script's FormApp that records every call the generated script
// makes, then prints the form it built as JSON.
//
//   node tests/fake_formapp.js survey.gs [functionName]
//
// The script runs in its own context holding only FormApp and Logger, as in Apps Script. Each
// object offers only the methods of the real classes that the generator may use (Form, FormApp,
// MultipleChoiceItem, ListItem, TextItem, PageBreakItem: see
// https://developers.google.com/apps-script/reference/forms), so a call to any other method fails
// with a TypeError, as a misspelt method fails in Apps Script. Arguments are checked the way the
// real service refuses them (a title must be a string, choices non-empty and distinct).
'use strict';

const fs = require('fs');
const vm = require('vm');

const calls = [];
const logs = [];

function fail(message) {
  throw new Error(message);
}

function checkString(method, value) {
  if (typeof value !== 'string') fail(`${method}: expected a string, got ${typeof value}`);
}

const SETTERS = {
  setTitle(item, args) {
    checkString('setTitle', args[0]);
    item.title = args[0];
  },
  setHelpText(item, args) {
    checkString('setHelpText', args[0]);
    item.helpText = args[0];
  },
  setRequired(item, args) {
    if (typeof args[0] !== 'boolean') fail('setRequired: expected a boolean');
    item.required = args[0];
  },
  setChoiceValues(item, args) {
    const values = args[0];
    if (!Array.isArray(values) || values.length === 0) fail('setChoiceValues: expected a non-empty array');
    values.forEach((v) => {
      checkString('setChoiceValues', v);
      if (!v.trim()) fail('setChoiceValues: empty choice');
    });
    if (new Set(values).size !== values.length) fail(`setChoiceValues: duplicate choices in "${item.title}"`);
    item.choices = values.slice();
  },
};

// The methods of each item class the generator may call (all exist on the real class).
const ITEM_METHODS = {
  MULTIPLE_CHOICE: ['setTitle', 'setHelpText', 'setRequired', 'setChoiceValues'],
  LIST: ['setTitle', 'setHelpText', 'setRequired', 'setChoiceValues'],
  TEXT: ['setTitle', 'setHelpText', 'setRequired'],
  PAGE_BREAK: ['setTitle', 'setHelpText'],
};

function newItem(form, type) {
  const item = { type, title: '', helpText: '', required: false, choices: null };
  form.items.push(item);
  const name = `${type}#${form.items.length}`;
  const api = {};
  for (const method of ITEM_METHODS[type]) {
    api[method] = (...args) => {
      calls.push({ target: name, method, args });
      if (args.length !== 1) fail(`${method}: expected one argument, got ${args.length}`);
      SETTERS[method](item, args);
      return api;
    };
  }
  return Object.freeze(api);
}

function newForm(title) {
  const form = { title, description: '', confirmationMessage: '', items: [] };
  const api = {
    setDescription(text) {
      calls.push({ target: 'form', method: 'setDescription', args: [text] });
      checkString('setDescription', text);
      form.description = text;
      return api;
    },
    setConfirmationMessage(text) {
      calls.push({ target: 'form', method: 'setConfirmationMessage', args: [text] });
      checkString('setConfirmationMessage', text);
      form.confirmationMessage = text;
      return api;
    },
    addMultipleChoiceItem() {
      calls.push({ target: 'form', method: 'addMultipleChoiceItem', args: [] });
      return newItem(form, 'MULTIPLE_CHOICE');
    },
    addListItem() {
      calls.push({ target: 'form', method: 'addListItem', args: [] });
      return newItem(form, 'LIST');
    },
    addTextItem() {
      calls.push({ target: 'form', method: 'addTextItem', args: [] });
      return newItem(form, 'TEXT');
    },
    addPageBreakItem() {
      calls.push({ target: 'form', method: 'addPageBreakItem', args: [] });
      return newItem(form, 'PAGE_BREAK');
    },
    getEditUrl() {
      return 'https://docs.google.com/forms/d/FAKE/edit';
    },
    getPublishedUrl() {
      return 'https://docs.google.com/forms/d/e/FAKE/viewform';
    },
  };
  return { form, api: Object.freeze(api) };
}

const forms = [];
const FormApp = Object.freeze({
  create(title) {
    calls.push({ target: 'FormApp', method: 'create', args: [title] });
    checkString('create', title);
    const made = newForm(title);
    forms.push(made.form);
    return made.api;
  },
});
const Logger = Object.freeze({
  log(message) {
    logs.push(String(message));
  },
});

const [scriptPath, functionName = 'createSurveyForm'] = process.argv.slice(2);
const context = vm.createContext({ FormApp, Logger });
vm.runInContext(fs.readFileSync(scriptPath, 'utf8'), context, { filename: scriptPath });
if (typeof context[functionName] !== 'function') fail(`the script defines no function ${functionName}`);
context[functionName]();
if (forms.length !== 1) fail(`expected one form to be created, found ${forms.length}`);
process.stdout.write(JSON.stringify({ form: forms[0], calls, logs }));
