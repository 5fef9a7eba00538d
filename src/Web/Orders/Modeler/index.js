// KTP's BPMN modeler and viewer: bpmn-js behind a few small functions that Blazor calls through JS interop
// (Orders/Components/BpmnModeler.razor and BpmnDiagramViewer.razor). Bundled by build.mjs into
// wwwroot/lib/bpmn/bpmn-modeler.js; every function takes the numeric handle that create/createViewer returned.
import Modeler from 'bpmn-js/lib/Modeler';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import ktpModdle from './ktp-moddle.json';
import { layoutProcess } from 'bpmn-auto-layout';

const KTP = 'https://ktp.dev/bpmn';
const moddleExtensions = { ktp: ktpModdle };

const instances = new Map();
let nextHandle = 1;

function newDiagram() {
  const suffix = Math.random().toString(36).slice(2, 9);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:ktp="${KTP}" id="Definitions_${suffix}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Process_${suffix}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_${suffix}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="180" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

function is(bo, type) {
  return !!bo && typeof bo.$instanceOf === 'function' && bo.$instanceOf(type);
}

function eventDefinition(bo, type) {
  return (bo.eventDefinitions || []).find(d => is(d, type));
}

function label(canvasElement, text) {
  if (text) {
    canvasElement.setAttribute('aria-label', text);
    canvasElement.setAttribute('role', 'application');
  }
}

/** Fits the diagram into the box, but never enlarges it past 100 % (a lone start event would fill the screen). */
function fit(canvas) {
  try {
    if (canvas.zoom('fit-viewport', 'auto') > 1) canvas.zoom(1, 'auto');
  } catch {
    // an empty diagram has nothing to fit
  }
}

/** A diagram written without drawing (no BPMNDiagram, e.g. generated or hand-written) is laid out first, so it can be shown. */
async function drawable(xml) {
  if (!xml || /BPMNDiagram/.test(xml)) return xml;
  try {
    return await layoutProcess(withFlowReferences(xml));
  } catch {
    return xml;
  }
}

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/**
 * The layout follows each node's <incoming> and <outgoing> references. BPMN allows leaving them out (the flows'
 * sourceRef and targetRef say the same), and a diagram that does gets them added here; without them the layout
 * drew every node in one column and no flow at all.
 */
export function withFlowReferences(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return xml;
  const byId = new Map();
  for (const element of Array.from(doc.getElementsByTagNameNS(BPMN, '*'))) {
    const id = element.getAttribute('id');
    if (id) byId.set(id, element);
  }
  for (const flow of Array.from(doc.getElementsByTagNameNS(BPMN, 'sequenceFlow'))) {
    const id = flow.getAttribute('id');
    addReference(doc, byId.get(flow.getAttribute('targetRef')), 'incoming', id);
    addReference(doc, byId.get(flow.getAttribute('sourceRef')), 'outgoing', id);
  }
  return new XMLSerializer().serializeToString(doc);
}

// In the schema's order: after documentation and extension elements (and, for outgoing, after the incoming ones).
const comesBefore = { incoming: ['documentation', 'extensionElements', 'incoming'], outgoing: ['documentation', 'extensionElements', 'incoming', 'outgoing'] };

function addReference(doc, node, kind, flowId) {
  if (!node || !flowId) return;
  const children = Array.from(node.children).filter(c => c.namespaceURI === BPMN);
  if (children.some(c => c.localName === kind && c.textContent.trim() === flowId)) return;
  const reference = doc.createElementNS(BPMN, node.prefix ? `${node.prefix}:${kind}` : kind);
  reference.textContent = flowId;
  node.insertBefore(reference, children.find(c => !comesBefore[kind].includes(c.localName)) || null);
}

async function importInto(instance, xml) {
  try {
    const result = await instance.diagram.importXML(await drawable(xml));
    fit(instance.diagram.get('canvas'));
    return { error: null, warnings: result.warnings.map(w => w.message) };
  } catch (e) {
    return { error: e && e.message ? e.message : String(e), warnings: (e && e.warnings || []).map(w => w.message) };
  }
}

/** The element's kind in one word the .NET side turns into a label. */
function kindOf(element) {
  const bo = element.businessObject;
  switch (bo.$type) {
    case 'bpmn:IntermediateCatchEvent':
      if (eventDefinition(bo, 'bpmn:TimerEventDefinition')) return 'timerCatchEvent';
      if (eventDefinition(bo, 'bpmn:MessageEventDefinition')) return 'messageCatchEvent';
      return 'intermediateCatchEvent';
    case 'bpmn:BoundaryEvent':
      if (eventDefinition(bo, 'bpmn:TimerEventDefinition')) return 'timerBoundaryEvent';
      if (eventDefinition(bo, 'bpmn:ErrorEventDefinition')) return 'errorBoundaryEvent';
      return 'boundaryEvent';
    case 'bpmn:EndEvent':
      return eventDefinition(bo, 'bpmn:ErrorEventDefinition') ? 'errorEndEvent' : 'endEvent';
    case 'bpmn:StartEvent':
      return bo.eventDefinitions && bo.eventDefinitions.length ? 'eventStartEvent' : 'startEvent';
    default: {
      const type = bo.$type.replace(/^bpmn:/, '');
      return type.charAt(0).toLowerCase() + type.slice(1);
    }
  }
}

function timerOf(bo) {
  const timer = eventDefinition(bo, 'bpmn:TimerEventDefinition');
  if (!timer) return { timerKind: null, timerValue: null };
  for (const [property, kind] of [['timeDuration', 'duration'], ['timeDate', 'date'], ['timeCycle', 'cycle']]) {
    if (timer.get(property)) return { timerKind: kind, timerValue: timer.get(property).body || '' };
  }
  return { timerKind: 'duration', timerValue: '' };
}

function isGateway(bo) {
  return is(bo, 'bpmn:ExclusiveGateway') || is(bo, 'bpmn:InclusiveGateway');
}

/** What the property panel shows of one element (null for none). */
function describe(element) {
  if (!element) return null;
  if (element.type === 'label' && element.labelTarget) element = element.labelTarget;
  const bo = element.businessObject;
  if (!bo) return null;
  const text = name => (bo.get(name) === undefined || bo.get(name) === null ? null : String(bo.get(name)));
  const info = {
    id: bo.id,
    type: bo.$type.replace(/^bpmn:/, ''),
    kind: kindOf(element),
    name: bo.name || null,
    candidateRole: null, queue: null, due: null, form: null,
    endpoint: null, retries: null,
    rule: null, resultVariable: null,
    correlationKey: null, messageName: null,
    timerKind: null, timerValue: null,
    fromGateway: false, condition: null, isDefault: false,
  };
  if (is(bo, 'bpmn:UserTask')) Object.assign(info, { candidateRole: text('ktp:candidateRole'), queue: text('ktp:queue'), due: text('ktp:due'), form: text('ktp:form') });
  if (is(bo, 'bpmn:ServiceTask')) Object.assign(info, { endpoint: text('ktp:endpoint'), retries: text('ktp:retries') });
  if (is(bo, 'bpmn:BusinessRuleTask')) Object.assign(info, { rule: text('ktp:rule'), resultVariable: text('ktp:resultVariable') });
  if (is(bo, 'bpmn:IntermediateCatchEvent')) info.correlationKey = text('ktp:correlationKey');
  const message = eventDefinition(bo, 'bpmn:MessageEventDefinition');
  if (message) info.messageName = message.messageRef ? (message.messageRef.name || null) : null;
  Object.assign(info, timerOf(bo));
  if (is(bo, 'bpmn:SequenceFlow')) {
    const source = bo.sourceRef;
    info.fromGateway = isGateway(source);
    info.condition = bo.conditionExpression ? (bo.conditionExpression.body || '') : null;
    info.isDefault = !!source && source.default === bo;
  }
  return info;
}

function instanceOf(handle) {
  const instance = instances.get(handle);
  if (!instance) throw new Error(`No BPMN diagram with handle ${handle}.`);
  return instance;
}

function elementOf(instance, id) {
  const element = instance.diagram.get('elementRegistry').get(id);
  if (!element) throw new Error(`The diagram has no element "${id}".`);
  return element;
}

/** One undo step for several modeling calls: the calls run nested in this command. */
function CompoundHandler() {}
CompoundHandler.$inject = [];
CompoundHandler.prototype.preExecute = function(context) {
  context.run();
};

function inOneStep(instance, run) {
  instance.diagram.get('commandStack').execute('ktp.compound', { run });
}

function notify(instance, method, ...args) {
  if (instance.destroyed || !instance.dotnet) return;
  instance.dotnet.invokeMethodAsync(method, ...args).catch(() => {
    // the circuit or the component is gone; nothing to tell
  });
}

function selectedOf(instance) {
  const selection = instance.diagram.get('selection').get();
  return selection.length === 1 ? describe(selection[0]) : null;
}

// ---------------------------------------------------------------- modeler

/**
 * Creates a modeler in container with xml (a new diagram with one start event when empty).
 * dotnet receives OnSelectionChanged(info) and OnDiagramChanged(info) (info: the selected element or null).
 * Returns { handle, error, warnings }.
 */
export async function create(container, xml, dotnet, canvasLabel) {
  const diagram = new Modeler({ container, moddleExtensions });
  const handle = nextHandle++;
  const instance = { diagram, dotnet, destroyed: false };
  instances.set(handle, instance);
  diagram.get('commandStack').registerHandler('ktp.compound', CompoundHandler);
  label(diagram.get('canvas').getContainer().querySelector('svg'), canvasLabel);
  const eventBus = diagram.get('eventBus');
  eventBus.on('selection.changed', () => notify(instance, 'OnSelectionChanged', selectedOf(instance)));
  eventBus.on('commandStack.changed', event => {
    if (event.trigger !== 'clear') notify(instance, 'OnDiagramChanged', selectedOf(instance));
  });
  const result = await importInto(instance, xml && xml.trim() ? xml : newDiagram());
  return { handle, ...result };
}

/** Replaces the diagram (the undo history starts anew). Returns { error, warnings }. */
export async function importXml(handle, xml) {
  return importInto(instanceOf(handle), xml && xml.trim() ? xml : newDiagram());
}

/** The diagram as formatted XML. */
export async function getXml(handle) {
  const { xml } = await instanceOf(handle).diagram.saveXML({ format: true });
  return xml;
}

/** The selected element (null when none or several are selected). */
export function getSelected(handle) {
  return selectedOf(instanceOf(handle));
}

/** Sets one property: "name" renames (the label follows), others are attributes such as "ktp:queue". Empty removes. */
export function setProperty(handle, elementId, property, value) {
  setProperties(handle, elementId, { [property]: value });
}

/** Sets several properties in one undo step. */
export function setProperties(handle, elementId, properties) {
  const instance = instanceOf(handle);
  const element = elementOf(instance, elementId);
  const modeling = instance.diagram.get('modeling');
  inOneStep(instance, () => {
    const rest = {};
    for (const [property, value] of Object.entries(properties)) {
      const empty = value === null || value === undefined || String(value).trim() === '';
      if (property === 'name') modeling.updateLabel(element, empty ? null : String(value));
      else rest[property] = empty ? undefined : String(value);
    }
    if (Object.keys(rest).length) modeling.updateProperties(element, rest);
  });
}

/** The condition (JsonLogic text) of a sequence flow; empty removes it. */
export function setCondition(handle, flowId, text) {
  const instance = instanceOf(handle);
  const flow = elementOf(instance, flowId);
  const expression = text && text.trim()
    ? instance.diagram.get('bpmnFactory').create('bpmn:FormalExpression', { body: text })
    : undefined;
  if (expression) expression.$parent = flow.businessObject;
  instance.diagram.get('modeling').updateProperties(flow, { conditionExpression: expression });
}

/** Makes the flow its gateway's default flow (a default flow has no condition), or stops it being the default. */
export function setDefaultFlow(handle, flowId, isDefault) {
  const instance = instanceOf(handle);
  const flow = elementOf(instance, flowId);
  const gateway = flow.source;
  if (!gateway) return;
  const modeling = instance.diagram.get('modeling');
  inOneStep(instance, () => {
    if (isDefault && flow.businessObject.conditionExpression) modeling.updateProperties(flow, { conditionExpression: undefined });
    if (isDefault) modeling.updateProperties(gateway, { default: flow.businessObject });
    else if (gateway.businessObject.default === flow.businessObject) modeling.updateProperties(gateway, { default: undefined });
  });
}

/** The timer of a timer event: kind is duration, date or cycle; the value is ISO-8601 text. */
export function setTimer(handle, elementId, kind, value) {
  const instance = instanceOf(handle);
  const element = elementOf(instance, elementId);
  const timer = eventDefinition(element.businessObject, 'bpmn:TimerEventDefinition');
  if (!timer) throw new Error(`"${elementId}" is not a timer event.`);
  const expression = instance.diagram.get('bpmnFactory').create('bpmn:FormalExpression', { body: value || '' });
  expression.$parent = timer;
  instance.diagram.get('modeling').updateModdleProperties(element, timer, {
    timeDuration: kind === 'duration' ? expression : undefined,
    timeDate: kind === 'date' ? expression : undefined,
    timeCycle: kind === 'cycle' ? expression : undefined,
  });
}

/** The name of the message a message event waits for: renames its message, or declares one when there is none. */
export function setMessage(handle, elementId, name) {
  const instance = instanceOf(handle);
  const element = elementOf(instance, elementId);
  const definition = eventDefinition(element.businessObject, 'bpmn:MessageEventDefinition');
  if (!definition) throw new Error(`"${elementId}" is not a message event.`);
  const modeling = instance.diagram.get('modeling');
  const text = name && name.trim() ? name.trim() : undefined;
  inOneStep(instance, () => {
    if (definition.messageRef) {
      modeling.updateModdleProperties(element, definition.messageRef, { name: text });
      return;
    }
    if (!text) return;
    const definitions = instance.diagram.getDefinitions();
    const message = instance.diagram.get('bpmnFactory').create('bpmn:Message', { name: text });
    message.$parent = definitions;
    modeling.updateModdleProperties(element, definitions, { rootElements: [...definitions.get('rootElements'), message] });
    modeling.updateModdleProperties(element, definition, { messageRef: message });
  });
}

/** Selects an element (for instance one a deployment refused) and scrolls it into view; false when there is none. */
export function select(handle, elementId) {
  const instance = instanceOf(handle);
  const element = instance.diagram.get('elementRegistry').get(elementId);
  if (!element) return false;
  instance.diagram.get('selection').select(element);
  try {
    instance.diagram.get('canvas').scrollToElement(element);
  } catch {
    // an element of a collapsed sub-process is on another plane
  }
  return true;
}

/** Puts the keyboard focus on the canvas (its shortcuts work while it has the focus). */
export function focus(handle) {
  instanceOf(handle).diagram.get('canvas').focus();
}

/** Frees the diagram; a handle that is gone already is ignored. */
export function destroy(handle) {
  const instance = instances.get(handle);
  if (!instance) return;
  instances.delete(handle);
  instance.destroyed = true;
  instance.dotnet = null;
  instance.diagram.destroy();
}

// ---------------------------------------------------------------- viewer

const MARKERS = { completed: 'ktp-completed', taken: 'ktp-taken', active: 'ktp-active', incidents: 'ktp-incident' };

/**
 * Creates a read-only viewer (pan and zoom) in container. markers: { completed, taken, active, incidents },
 * each a list of element ids. Returns { handle, error, warnings }.
 */
export async function createViewer(container, xml, markers, canvasLabel) {
  const diagram = new NavigatedViewer({ container, moddleExtensions });
  const handle = nextHandle++;
  const instance = { diagram, dotnet: null, destroyed: false, markers: [] };
  instances.set(handle, instance);
  label(diagram.get('canvas').getContainer().querySelector('svg'), canvasLabel);
  const result = await showXml(handle, xml, markers);
  return { handle, ...result };
}

/** Shows another diagram in the viewer, with its markers (none while xml is empty). Returns { error, warnings }. */
export async function showXml(handle, xml, markers) {
  const instance = instanceOf(handle);
  instance.markers = [];
  if (!xml || !xml.trim()) {
    instance.diagram.clear();
    return { error: null, warnings: [] };
  }
  const result = await importInto(instance, xml);
  if (!result.error) setMarkers(handle, markers);
  return result;
}

/** Replaces the markers of the viewer's elements; ids the diagram does not have are skipped. */
export function setMarkers(handle, markers) {
  const instance = instanceOf(handle);
  const canvas = instance.diagram.get('canvas');
  const registry = instance.diagram.get('elementRegistry');
  for (const [id, marker] of instance.markers) {
    if (registry.get(id)) canvas.removeMarker(id, marker);
  }
  instance.markers = [];
  for (const [key, marker] of Object.entries(MARKERS)) {
    for (const id of (markers && markers[key]) || []) {
      if (!registry.get(id)) continue;
      canvas.addMarker(id, marker);
      instance.markers.push([id, marker]);
    }
  }
}
